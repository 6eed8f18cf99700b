import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/**
 * A console page's main card: the page's one h1 as its title, an optional action beside it and
 * an optional line saying what the page is for.
 */
export function PageCard({
  title,
  extra,
  intro,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card
      title={
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {children}
    </Card>
  );
}
