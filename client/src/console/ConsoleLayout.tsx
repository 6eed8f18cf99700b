import { useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Drawer, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useT } from '../i18n';
import { LanguageSelect } from './LanguageSelect';
import { CONSOLE_PAGES, canOpen, type ConsolePage } from './navigation';
import { SecurityBanners } from './SecurityBanners';
import { useSession, useSignedIn } from './session';

const { Header, Sider, Content } = Layout;
const DRAWER_ID = 'console-navigation-drawer';

function Brand() {
  return (
    <div className="console-brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span>{useT().console.brand}</span>
    </div>
  );
}

function Navigation({ pages, selected, onChoose }: { pages: ConsolePage[]; selected: string; onChoose?: () => void }) {
  const t = useT().console;
  return (
    <nav aria-label={t.navigation}>
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        items={pages.map((page) => ({
          key: page.path,
          icon: page.icon,
          // On the link itself, not the menu: the menu hears Enter before the link follows it.
          label: (
            <Link to={page.path} onClick={onChoose}>
              {page.label(t)}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}

/**
 * The console's frame. On a wide screen the navigation stands on the left; below antd's
 * `lg` width (a phone, a small tablet) it moves into a drawer opened from the header's
 * menu button, so it never covers the page. CSS decides which shows (console.css): the
 * first paint is right before any script measures the screen.
 */
export function ConsoleLayout() {
  const t = useT().console;
  const { user, mustEnrolTotp } = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

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
      <Sider theme="light" className="console-sider">
        <Brand />
        <Navigation pages={pages} selected={selected} />
      </Sider>
      <Drawer
        id={DRAWER_ID}
        className="console-drawer"
        placement="left"
        size={280}
        title={<Brand />}
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        // As a dialog should, closing gives focus back to the button that opened it.
        afterOpenChange={(open) => !open && menuButton.current?.focus()}
      >
        <Navigation pages={pages} selected={selected} onChoose={() => setDrawerOpen(false)} />
      </Drawer>
      <Layout>
        <Header className="console-header">
          <Space size="middle" wrap>
            <Button
              ref={menuButton}
              className="console-menu-button"
              icon={<MenuOutlined />}
              aria-expanded={drawerOpen}
              aria-controls={DRAWER_ID}
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-button"
            >
              {t.menuButton}
            </Button>
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
