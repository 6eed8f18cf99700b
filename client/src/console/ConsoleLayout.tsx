import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';
import { CONSOLE_PAGES, canOpen } from './navigation';
import { SecurityBanners } from './SecurityBanners';
import { useSession, useSignedIn } from './session';

const { Header, Sider, Content } = Layout;

export function ConsoleLayout() {
  const t = useT().console;
  const { user, mustEnrolTotp } = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const [signingOut, setSigningOut] = useState(false);

  // Until a handed-out password is replaced and a required second factor is on, the server
  // answers only the security routes; so does the menu.
  const restricted = mustEnrolTotp || user.mustChangePassword;
  const pages = CONSOLE_PAGES.filter((page) => canOpen(page, user.role) && (!restricted || page.path === '/security'));
  const selected = pages.find((page) => page.path !== '/' && pathname.startsWith(page.path))?.path ?? '/';

  // Signing out ends the session; RequireSession then shows the login page.
  const logout = () => {
    setSigningOut(true);
    void signOut();
  };

  return (
    <Layout className="console-shell">
      <Sider breakpoint="lg" collapsedWidth={0} theme="light" className="console-sider">
        <div className="console-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t.brand}</span>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={pages.map((page) => ({
            key: page.path,
            icon: page.icon,
            label: <Link to={page.path}>{page.label(t)}</Link>,
          }))}
        />
      </Sider>
      <Layout>
        <Header className="console-header">
          <Space size="middle" wrap>
            <Typography.Text strong data-testid="header-user">
              {user.displayName}
            </Typography.Text>
            <Tag color="blue">{t.roles[user.role]}</Tag>
          </Space>
          <Space size="middle" wrap>
            <LanguageSelect />
            <Button icon={<LogoutOutlined />} onClick={logout} loading={signingOut} data-testid="logout">
              {t.logout}
            </Button>
          </Space>
        </Header>
        <Content className="console-content">
          <SecurityBanners />
          {restricted && pathname !== '/security' ? <Navigate to="/security" replace /> : <Outlet />}
        </Content>
      </Layout>
    </Layout>
  );
}
