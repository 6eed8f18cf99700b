// The read-only parts of a case: evidence with its hashes, the timeline, findings, duplicates.
import { noteText } from '../../../../../shared/notes';
import { formatYuan } from '../../../../../shared/money';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, List, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { queryKeys } from '../../queryKeys';
import { actionName, StatusTag } from './caseLabels';
import type { CaseView, DuplicateCandidate, Evidence } from './caseTypes';
import { useCurrentUser } from '../../session';
import { ACKNOWLEDGED, mustAcknowledgeEvidence, ProtectedEvidenceGate } from './ProtectedEvidenceGate';

const evidencePath = (reference: string, e: Evidence) => `/reports/${reference}/evidence/${e.fileId}`;
const fileUrl = (reference: string, e: Evidence, query = '') => `/api/v1${evidencePath(reference, e)}${query}`;

// pdf.js is large; it is fetched only when someone opens a PDF preview.
const PdfPreview = lazy(() => import('./PdfPreview'));

/** A PDF's download link and a preview drawn by pdf.js in a dialog, never by the browser's PDF plugin. */
function PdfEvidence({ reference, item, query = '' }: { reference: string; item: Evidence; query?: string }) {
  const t = useT().cases.case;
  const [open, setOpen] = useState(false);
  return (
    <Space wrap>
      <Button size="small" onClick={() => setOpen(true)} data-testid="pdf-preview-open">
        {t.preview}
      </Button>
      <a href={fileUrl(reference, item, query)} download>
        {t.download} ({item.mime})
      </a>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        width={880}
        title={`PDF ${item.fileId.slice(0, 8)}`}
        destroyOnHidden
      >
        <Suspense fallback={<Typography.Text type="secondary">{t.pdfLoading}</Typography.Text>}>
          <PdfPreview path={`${evidencePath(reference, item)}${query}`} />
        </Suspense>
      </Modal>
    </Space>
  );
}

/** Photos inline, video and audio in players, PDFs in a pdf.js preview, anything else as a download; each with its SHA-256. */
function EvidenceItem({ reference, item, query = '' }: { reference: string; item: Evidence; query?: string }) {
  const t = useT().cases.case;
  const url = fileUrl(reference, item, query);
  const media = item.mime.startsWith('image/') ? (
    <a href={url} target="_blank" rel="noreferrer">
      <img src={url} alt={`${item.kind} ${item.fileId.slice(0, 8)}`} className="case-evidence__media" />
    </a>
  ) : item.mime.startsWith('video/') ? (
    <video src={url} controls preload="metadata" className="case-evidence__media" />
  ) : item.mime.startsWith('audio/') ? (
    <audio src={url} controls preload="metadata" />
  ) : item.mime === 'application/pdf' ? (
    <PdfEvidence reference={reference} item={item} query={query} />
  ) : (
    <a href={url} download>
      {t.download} ({item.mime})
    </a>
  );
  return (
    <Card size="small" data-testid="evidence-item">
      {media}
      <Typography.Paragraph type="secondary" className="case-hash">
        {item.mime} · {Math.ceil(item.size / 1024)} KB · {formatDateTime(item.addedAt)}
        {item.metadataRemoved && <> · {t.metadataRemoved}</>}
        <br />
        {t.storedHash}:{' '}
        <Typography.Text code copyable>
          {item.storedSha256}
        </Typography.Text>
        {item.receivedSha256 !== item.storedSha256 && (
          <>
            <br />
            {t.receivedHash}:{' '}
            <Typography.Text code copyable>
              {item.receivedSha256}
            </Typography.Text>
          </>
        )}
      </Typography.Paragraph>
    </Card>
  );
}

export function EvidenceCard({ view }: { view: CaseView }) {
  const t = useT().cases.case;
  // A protected case's evidence is opened by anyone but its verifier only after a warning.
  const mustAcknowledge = mustAcknowledgeEvidence(view, useCurrentUser().id);
  const [acknowledged, setAcknowledged] = useState(false);
  const query = mustAcknowledge ? ACKNOWLEDGED : '';
  return (
    <Card title={t.evidenceTitle} className="page-card">
      {view.evidence.length && mustAcknowledge && !acknowledged ? (
        <ProtectedEvidenceGate onConfirmed={() => setAcknowledged(true)} />
      ) : view.evidence.length ? (
        <div className="case-evidence">
          {view.evidence.map((e) => (
            <EvidenceItem key={e.fileId} reference={view.reference} item={e} query={query} />
          ))}
        </div>
      ) : (
        <Typography.Text type="secondary">{t.noEvidence}</Typography.Text>
      )}
    </Card>
  );
}

/** A step's note in the console's language: the system's code worded, staff's words as written. */
function NoteText({ text }: { text?: string }) {
  return text ? <Typography.Text className="case-description">{text}</Typography.Text> : null;
}

export function TimelineCard({ view }: { view: CaseView }) {
  const t = useT().cases.case;
  const lang = useLang();
  const name = (type: string) => t.timelineTypes[type] ?? actionName(type, lang);
  return (
    <Card title={t.timeline} className="page-card">
      <Timeline
        data-testid="case-timeline"
        items={view.timeline.map((e) => ({
          color: e.public ? 'blue' : 'gray',
          content: (
            <Space orientation="vertical" size={0}>
              <Space wrap>
                <Typography.Text strong>{name(e.type)}</Typography.Text>
                <Tag color={e.public ? 'blue' : 'default'}>{e.public ? t.public : t.internal}</Tag>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              </Space>
              <NoteText text={noteText(e, lang === 'en' ? 'en' : 'zh')} />
            </Space>
          ),
        }))}
      />
    </Card>
  );
}

export function FindingsCard({ findings }: { findings: Record<string, unknown> }) {
  const all = useT();
  const t = all.cases.forms;
  const yesNo = (v: unknown) => (v === true ? t.yes : v === false ? t.no : '');
  const pick = (map: Record<string, string>, v: unknown) => (typeof v === 'string' ? (map[v] ?? v) : '');
  const rows: [string, string][] = [
    [t.inspectedOn, String(findings.inspectedOn ?? '')],
    [t.substantiated, yesNo(findings.substantiated)],
    [t.violationKind, pick(t.violationKinds, findings.violationKind)],
    [t.hazardLevel, pick(t.hazardLevels, findings.hazardLevel)],
    [t.accidentGrade, pick(t.accidentGrades, findings.accidentGrade)],
    [all.cases.outcome.forms.gradePending, findings.gradePending === true ? t.yes : ''],
    [t.concealedDeaths, findings.concealedDeaths === undefined ? '' : String(findings.concealedDeaths)],
    [t.totalDeaths, typeof findings.totalDeaths === 'number' ? String(findings.totalDeaths) : ''],
    [t.seriousInjuries, typeof findings.seriousInjuries === 'number' ? String(findings.seriousInjuries) : ''],
    [t.directLossYuan, typeof findings.directLossFen === 'number' ? formatYuan(findings.directLossFen) : ''],
    [t.employeeOfSubject, yesNo(findings.employeeOfSubject)],
    [t.employmentProof, String(findings.employmentProof ?? '')],
    [t.alreadyKnownAndHandled, yesNo(findings.alreadyKnownAndHandled)],
    [t.fineYuan, typeof findings.fineFen === 'number' ? formatYuan(findings.fineFen) : ''],
    [t.penaltyDecisionNo, String(findings.penaltyDecisionNo ?? '')],
    [
      t.exclusions,
      Array.isArray(findings.exclusions)
        ? findings.exclusions.map((x) => pick(t.exclusionKinds, x)).join(all.common.listSeparator)
        : '',
    ],
  ];
  return (
    <Card title={all.cases.case.findingsTitle} className="page-card" data-testid="case-findings">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.summary}>
          <span className="case-description">{String(findings.summary ?? '')}</span>
        </Descriptions.Item>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Descriptions.Item key={label} label={label}>
              {value}
            </Descriptions.Item>
          ))}
      </Descriptions>
    </Card>
  );
}

export function DuplicatesCard({ reference }: { reference: string }) {
  const t = useT().cases;
  const lang = useLang();
  // A failed search shows as "none found": the card only helps, it never blocks the case.
  const duplicates = useQuery({
    queryKey: queryKeys.reports.duplicates(reference),
    queryFn: ({ signal }) => api.get<{ items: DuplicateCandidate[] }>(`/reports/${reference}/duplicates`, { signal }),
  });
  const items = duplicates.isError ? [] : (duplicates.data?.items ?? null);
  return (
    <Card title={t.case.duplicatesTitle} className="page-card" size="small">
      {items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.case.noDuplicates} />
      ) : (
        <List
          size="small"
          loading={items === null}
          dataSource={items ?? []}
          renderItem={(d) => (
            <List.Item>
              <Space wrap>
                <Link to={`/cases/${d.reference}`}>
                  <Typography.Text code>{d.reference}</Typography.Text>
                </Link>
                <StatusTag status={d.status} lang={lang} />
                <Typography.Text type="secondary">{formatDateTime(d.submittedAt)}</Typography.Text>
                <span>
                  {t.case.score} {Math.round(d.score * 100)}%
                </span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
