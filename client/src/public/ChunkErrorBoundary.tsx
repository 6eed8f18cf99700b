import { Component, type ReactNode } from 'react';
import { messagesFor } from '../i18n';

interface State {
  failed: boolean;
}

interface Props {
  children: ReactNode;
  /** Shown instead of the notice, for a part the page works without (null: nothing at all). */
  fallback?: ReactNode;
  /**
   * Try again here after this, without reloading: for a part of a page that holds what a
   * reload would lose (the report's photos). It makes the failed lazy parts load afresh.
   */
  onRetry?: () => void;
}

/** A lazily loaded page that did not arrive (weak network): say so and offer to try again. */
export class ChunkErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  private retry = () => {
    if (!this.props.onRetry) return window.location.reload();
    this.props.onRetry();
    this.setState({ failed: false });
  };

  override render() {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback;
    const m = messagesFor();
    return (
      <div className="notice" role="alert">
        <p>{m.errors.network}</p>
        <button type="button" className="button button--primary" onClick={this.retry}>
          {m.common.retry}
        </button>
      </div>
    );
  }
}
