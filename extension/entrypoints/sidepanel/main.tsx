import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../features/App';
import '../../components/styles.css';

const defaultApiUrl = import.meta.env.WXT_API_URL ?? 'http://127.0.0.1:8787';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App defaultApiUrl={defaultApiUrl} />
  </StrictMode>,
);
