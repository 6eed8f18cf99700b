// Staff console entry, served under /console/. Heavier than the public site (antd), staff only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConsoleProviders } from './ConsoleProviders';
import { ConsoleApp } from './ConsoleApp';
import { SessionProvider } from './session';
import './console.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleProviders>
      <BrowserRouter basename="/console">
        <SessionProvider>
          <ConsoleApp />
        </SessionProvider>
      </BrowserRouter>
    </ConsoleProviders>
  </StrictMode>,
);
