import { Navigate, Outlet, ScrollRestoration, createBrowserRouter } from 'react-router';

import { AllApiTokensPage } from './admin/api-tokens-page';
import { CannedResponsesPage } from './admin/canned-responses-page';
import { ClientsPage } from './admin/clients-page';
import { DepartmentsPage } from './admin/departments-page';
import { InboundMailsPage } from './admin/inbound-mails-page';
import { JobsPage } from './admin/jobs-page';
import { MailboxesPage } from './admin/mailboxes-page';
import { StaffPage } from './admin/staff-page';
import { WebhookDeliveriesPage } from './admin/webhook-deliveries-page';
import { WebhooksPage } from './admin/webhooks-page';
import { ForgotPasswordPage } from './auth/forgot-password-page';
import { RegisterPage } from './auth/register-page';
import { ResetPasswordPage } from './auth/reset-password-page';
import { VerifyEmailPage } from './auth/verify-email-page';
import { useSession } from './auth/session';
import { homeOf, SignInPage } from './auth/sign-in-page';
import { ClientTicketPage } from './client/client-ticket-page';
import { MyTicketsPage } from './client/my-tickets-page';
import { NewTicketPage } from './client/new-ticket-page';
import { AreaLayout, NotFoundPage, type NavItem } from './components/layout';
import { ApiTokensPage } from './profile/api-tokens-page';
import { StaffTicketPage } from './staff/ticket-page';
import { TicketListPage } from './staff/ticket-list-page';

/** Admin → Support → Tickets and the rest of the staff console. */
const STAFF_NAV: NavItem[] = [
  { to: '/admin/tickets', label: 'Tickets' },
  { to: '/admin/clients', label: 'Clients' },
  { to: '/admin/canned-responses', label: 'Canned responses' },
  { to: '/admin/inbound-mail', label: 'Inbound mail' },
  { to: '/admin/departments', label: 'Departments', adminOnly: true },
  { to: '/admin/mailboxes', label: 'Mailboxes', adminOnly: true },
  { to: '/admin/staff', label: 'Staff', adminOnly: true },
  { to: '/admin/jobs', label: 'Scheduled jobs', adminOnly: true },
  { to: '/admin/webhooks', label: 'Webhooks', adminOnly: true },
  { to: '/admin/api-tokens', label: 'All API tokens', adminOnly: true },
];

/** Client Area → Support → My Tickets. */
const CLIENT_NAV: NavItem[] = [
  { to: '/client/tickets', label: 'My Tickets', except: '/client/tickets/new' },
  { to: '/client/tickets/new', label: 'Open a ticket' },
];

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeOf(session.user.kind) : '/login'} replace />;
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/login', element: <SignInPage audience="staff" /> },
      { path: '/client/login', element: <SignInPage audience="client" /> },
      { path: '/client/register', element: <RegisterPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      {
        path: '/admin',
        element: <AreaLayout kind="staff" brand="Admin" nav={STAFF_NAV} />,
        children: [
          { index: true, element: <Navigate to="/admin/tickets" replace /> },
          { path: 'tickets', element: <TicketListPage /> },
          { path: 'tickets/:id', element: <StaffTicketPage /> },
          { path: 'clients', element: <ClientsPage /> },
          { path: 'canned-responses', element: <CannedResponsesPage /> },
          { path: 'departments', element: <DepartmentsPage /> },
          { path: 'mailboxes', element: <MailboxesPage /> },
          { path: 'staff', element: <StaffPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'webhooks', element: <WebhooksPage /> },
          { path: 'webhooks/:id', element: <WebhookDeliveriesPage /> },
          { path: 'inbound-mail', element: <InboundMailsPage /> },
          { path: 'api-tokens', element: <AllApiTokensPage /> },
          { path: 'profile/tokens', element: <ApiTokensPage /> },
        ],
      },
      {
        path: '/client',
        element: <AreaLayout kind="client" brand="Client Area" nav={CLIENT_NAV} />,
        children: [
          { index: true, element: <Navigate to="/client/tickets" replace /> },
          { path: 'tickets', element: <MyTicketsPage /> },
          { path: 'tickets/new', element: <NewTicketPage /> },
          { path: 'tickets/:id', element: <ClientTicketPage /> },
          { path: 'profile/tokens', element: <ApiTokensPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
