import { FileDownload } from '../FileDownload';
import { useRewardT } from './rewardText';

/** The printable reward notice. */
export function NoticeDownload({ fileName, onFetch }: { fileName: string; onFetch(): Promise<Blob> }) {
  const t = useRewardT();
  return (
    <FileDownload
      label={t.notice}
      busyLabel={t.noticeBusy}
      fileName={fileName}
      onFetch={onFetch}
      testId="reward-notice"
    />
  );
}
