// The role's to-do counts on its home page, each a link to the queue that lists them
// (the server counts with that queue's own filter: GET /api/v1/me/todo).
import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { Link } from 'react-router-dom';
import type { me } from '../../../../shared/contract/me';
import type { TodoResponse } from '../../../../shared/schemas/todo';
import { call, route } from '../../apiClient';
import { useT } from '../../i18n';
import { queryKeys } from '../queryKeys';
import { QueryError } from '../QueryState';

const todoRoute = route<typeof me.todo>({ kind: 'json', method: 'get', path: '/api/v1/me/todo' });

/** The queue's address in the console, as the case list reads it ("all" spelt out for a status filter). */
function queueHref({ queue, status }: TodoResponse['items'][number]): string {
  const query = new URLSearchParams({ queue: queue ?? 'all', ...(status ? { status } : {}) });
  return `/cases?${query}`;
}

export function TodoCards() {
  const t = useT().console.home;
  const todo = useQuery({ queryKey: queryKeys.reports.todo, queryFn: ({ signal }) => call(todoRoute, {}, { signal }) });
  const items = todo.data?.items ?? [];
  if (todo.isSuccess && !items.length) return null;
  return (
    <Card className="page-card" title={<h2 className="card-title">{t.todoTitle}</h2>} loading={todo.isPending}>
      <QueryError queries={[todo]} />
      <ul className="todo-cards" data-testid="todo-cards">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              to={queueHref(item)}
              className={`todo-card${item.count && item.key === 'overdue' ? ' todo-card--urgent' : ''}`}
              data-testid={`todo-${item.key}`}
            >
              <span className="todo-card__count">{item.count}</span>
              <span className="todo-card__label">{t.todo[item.key]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
