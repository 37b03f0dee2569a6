import type { CaptureDraft, CaptureInput } from '../../shared/extract/captureSchemas';

/** A capture parked for the side panel: what the reader sent and the draft made from it. */
export interface PendingCapture {
  id: string;
  at: number;
  input: CaptureInput;
  draft: CaptureDraft;
}
