export type { Notification as NotificationMapper } from './notification.entity.ts';
