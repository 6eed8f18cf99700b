import { Component, type ReactNode } from 'react';
import { messagesFor } from '../i18n';

interface State {
  failed: boolean;
}

/** A lazily loaded page that did not arrive (weak network): say so and offer to try again. */
export class ChunkErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const m = messagesFor();
    return (
      <div className="notice" role="alert">
        <p>{m.errors.network}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {m.common.retry}
        </button>
      </div>
    );
  }
}
