import { Card, Descriptions, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useReferenceData } from '../referenceData';
import { useCurrentUser } from '../session';
import { TodoCards } from './TodoCards';

/** Each role's desk: what waits for you, who you are, where you work, and what this role is for. */
export function HomePage() {
  const all = useT();
  const t = all.console;
  const user = useCurrentUser();
  const { unitName, areaName } = useReferenceData();

  return (
    <div className="console-page">
      <Typography.Title level={1} className="page-title" data-testid="home-title">
        {t.desks[user.role]}
      </Typography.Title>
      <Typography.Paragraph className="home-welcome">{t.home.welcome(user.displayName)}</Typography.Paragraph>

      <TodoCards />

      <Card className="page-card">
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'role', label: t.home.role, children: t.roles[user.role] },
            { key: 'unit', label: t.home.unit, children: user.unitCode ? unitName(user.unitCode) : '—' },
            {
              key: 'areas',
              label: t.home.areas,
              children: user.allAreas
                ? t.staff.allAreas
                : user.areaCodes.length
                  ? user.areaCodes.map(areaName).join(all.common.listSeparator)
                  : t.staff.noAreas,
            },
            ...(user.lastLoginAt
              ? [{ key: 'lastLogin', label: t.home.lastLogin, children: formatDateTime(user.lastLoginAt) }]
              : []),
          ]}
        />
      </Card>

      <Card className="page-card" title={<h2 className="card-title">{t.home.dutiesTitle}</h2>}>
        <ul className="duties" data-testid="role-duties">
          {t.duties[user.role].map((duty) => (
            <li key={duty}>{duty}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
