// Public site entry: plain React and one CSS file, so it loads fast on a weak mobile network.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { PublicApp } from './PublicApp';
import './public.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <PublicApp />
    </BrowserRouter>
  </StrictMode>,
);
