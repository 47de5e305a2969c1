/// <reference path="../.sst/platform/config.d.ts" />
import { retentionSchedule } from "#backend/handlers/routes.ts";
import { retentionJob } from "#backend/jobs/job.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * The retention job's daily run (backend/chat/retention.ts; docs/privacy.md): EventBridge
 * Scheduler invokes the jobs function with the job itself as the event, through a role that may
 * invoke that function and nothing else. The function deletes the conversations idle for longer
 * than `PORCH_RETENTION_DAYS` a batch at a time, handing the rest to the jobs queue. With
 * `PORCH_RETENTION_DAYS=0` (kept until deleted) the schedule is made but disabled.
 */
export function retention(jobsFunctionArn: $util.Output<string>, settings: DeploySettings) {
  return new sst.aws.CronV2(retentionSchedule.name, {
    schedule: retentionSchedule.expression,
    function: jobsFunctionArn,
    event: retentionJob,
    enabled: settings.retention.days > 0,
    // A run that failed is run again: each deletes what is left.
    retries: 2,
  });
}
