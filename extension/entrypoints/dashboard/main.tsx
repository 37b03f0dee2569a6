import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '../../features/dashboard/DashboardApp';
import '../../components/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
