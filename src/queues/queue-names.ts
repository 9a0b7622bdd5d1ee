/** Every queue and job of the product, in one place (producers, processors and the dashboard use these). */
export enum QueueName {
  Mail = 'mail',
  Exports = 'exports',
  Reports = 'reports',
  Bookings = 'bookings',
}

export enum JobName {
  SendMail = 'send-mail',
  ExportBookings = 'export-bookings',
  ExportAll = 'export-all',
  CleanupExports = 'cleanup-exports',
  DailyReminders = 'daily-reminders',
  DailyReport = 'daily-report',
  MonthlyReport = 'monthly-report',
  DriverMonthlyReport = 'driver-monthly-report',
  ExpireNoShows = 'expire-no-shows',
  ReseatAhead = 'reseat-ahead',
  StayNotices = 'stay-notices',
}

export const ALL_QUEUES = Object.values(QueueName);
