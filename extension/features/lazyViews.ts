import { lazy } from 'react';

/**
 * Views that are not on the panel's first screen load as their own chunks, so opening the panel
 * parses only the lists. Each is a local file: the first open of one costs a few milliseconds.
 */
export const CaptureView = lazy(() => import('./capture/CaptureView').then((m) => ({ default: m.CaptureView })));
export const NewLeadForm = lazy(() => import('./lead/NewLeadForm').then((m) => ({ default: m.NewLeadForm })));
export const DealView = lazy(() => import('./deal/DealView').then((m) => ({ default: m.DealView })));
export const ContactView = lazy(() => import('./contact/ContactView').then((m) => ({ default: m.ContactView })));
export const CompanyView = lazy(() => import('./company/CompanyView').then((m) => ({ default: m.CompanyView })));
export const FollowUpView = lazy(() => import('./followUp/FollowUpView').then((m) => ({ default: m.FollowUpView })));
export const MergeView = lazy(() => import('./merge/MergeView').then((m) => ({ default: m.MergeView })));
