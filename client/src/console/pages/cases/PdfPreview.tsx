// A PDF evidence file drawn with pdf.js onto canvases. The server sends PDFs as sandboxed
// attachments and the console's CSP has object-src 'none', so the browser's own PDF viewer
// never runs a reporter's file in the console's origin; pdf.js only paints the pages.
// Loaded lazily so pdf.js stays out of the console's main bundle.
import { useEffect, useRef, useState } from 'react';
import { Alert, Space, Spin, Typography } from 'antd';
import { AnnotationMode, getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { api } from '../../../api';
import { useT } from '../../../i18n';

GlobalWorkerOptions.workerSrc = workerUrl;

const MAX_PAGES = 10;
const PAGE_WIDTH = 800;

type State = { phase: 'loading' } | { phase: 'error' } | { phase: 'done'; pages: number; total: number };

export default function PdfPreview({ path }: { path: string }) {
  const t = useT().cases.case;
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    (async () => {
      const data = new Uint8Array(await (await api.blob(path, { signal: abort.signal })).arrayBuffer());
      // No eval, no document scripts (pdf.js does not run them unless asked), no form widgets,
      // no fonts fetched from URLs: standard fonts fall back to the system's.
      const task = getDocument({
        data,
        isEvalSupported: false,
        enableXfa: false,
        useSystemFonts: true,
        disableFontFace: true,
        stopAtErrors: false,
      });
      destroy = () => task.destroy();
      const doc = await task.promise;
      const count = Math.min(doc.numPages, MAX_PAGES);
      const canvases: HTMLCanvasElement[] = [];
      for (let n = 1; n <= count; n++) {
        if (cancelled) return;
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.className = 'case-pdf__page';
        canvas.dataset.testid = 'pdf-page';
        canvas.style.width = '100%';
        canvas.style.maxWidth = `${PAGE_WIDTH}px`;
        await page.render({ canvas, viewport, annotationMode: AnnotationMode.ENABLE }).promise;
        canvases.push(canvas);
      }
      if (cancelled || !holder.current) return;
      holder.current.replaceChildren(...canvases);
      setState({ phase: 'done', pages: count, total: doc.numPages });
    })().catch(() => {
      if (!cancelled) setState({ phase: 'error' });
    });
    return () => {
      cancelled = true;
      abort.abort();
      void destroy?.();
    };
  }, [path]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="pdf-preview">
      {state.phase === 'loading' && (
        <Space>
          <Spin size="small" />
          <Typography.Text type="secondary">{t.pdfLoading}</Typography.Text>
        </Space>
      )}
      {state.phase === 'error' && <Alert type="error" showIcon title={t.pdfError} />}
      {state.phase === 'done' && state.total > state.pages && (
        <Typography.Text type="secondary">{t.pdfMorePages(state.pages, state.total)}</Typography.Text>
      )}
      <div ref={holder} className="case-pdf" style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
    </Space>
  );
}
