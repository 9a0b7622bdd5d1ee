import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

/**
 * Registers and starts one cron job per schedule in `timeZone` (`@Cron` cannot take a configured zone).
 * A tick only enqueues (R-JOB-7); the registry stops every job when the app shuts down.
 */
export function startCronTicks<Name extends string>(
  registry: SchedulerRegistry,
  schedules: readonly { name: Name; cron: string }[],
  timeZone: string,
  tick: (name: Name) => unknown,
): void {
  for (const { name, cron } of schedules) {
    const job = CronJob.from({
      cronTime: cron,
      timeZone,
      onTick: () => void tick(name),
      // A tick late by less than this still runs (the default, 250 ms, would skip a month's report on a busy host).
      threshold: 60_000,
    });
    registry.addCronJob(name, job);
    job.start();
  }
}
