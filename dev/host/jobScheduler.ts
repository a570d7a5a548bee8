import type { IOnetimeSchedule, IProcessor, IRecurringSchedule } from '@rocket.chat/apps-engine/definition/scheduler';

/** A job an app scheduled, as Rocket.Chat's Agenda keeps it. */
interface ScheduledJob {
    id: string;
    appId: string;
    processorId: string;
    runAt: number;
    data?: object;
    timer?: NodeJS.Timeout;
    /** For recurring jobs: ms between runs. */
    everyMs?: number;
    running?: boolean;
}

/**
 * Agenda as Rocket.Chat runs app jobs: one-time jobs when they are due, recurring jobs every
 * interval and one run at a time, jobs kept across an engine restart (Agenda keeps them in MongoDB).
 * `processorOf` finds the processor the app registered, at run time (a restart registers new ones).
 */
export class JobScheduler {
    private readonly jobs = new Map<string, ScheduledJob>();
    private sequence = 0;
    private readonly running = new Set<ScheduledJob>();
    private paused = false;

    /** Jobs that threw, newest last: Rocket.Chat logs them; the host keeps them for whoever looks. */
    public readonly failures: string[] = [];

    constructor(
        private readonly processorOf: (appId: string, processorId: string) => IProcessor | undefined,
        private readonly printFailures = false,
    ) {}

    /** Runs a one-time job when it is due, handing the processor the job's data. */
    public schedule(job: IOnetimeSchedule, appId: string): string {
        const when = typeof job.when === 'string' ? Date.parse(job.when) : job.when instanceof Date ? job.when.getTime() : Date.now();
        return this.enqueue({ appId, processorId: job.id, runAt: Number.isNaN(when) ? Date.now() : when, data: job.data });
    }

    /** Runs a recurring job every interval, one run at a time, as Agenda's lock does. */
    public scheduleRecurring(job: IRecurringSchedule, appId: string): string {
        const everyMs = parseInterval(job.interval);
        return this.enqueue({
            appId,
            processorId: job.id,
            runAt: job.skipImmediate ? Date.now() + everyMs : Date.now(),
            data: job.data,
            everyMs,
        });
    }

    /** Drops jobs: all, an app's, or an app's jobs of one id (a job id or a processor id). */
    public cancel(appId?: string, jobId?: string): void {
        for (const job of [...this.jobs.values()]) {
            if ((appId === undefined || job.appId === appId) && (jobId === undefined || job.id === jobId || job.processorId === jobId)) {
                clearTimeout(job.timer);
                this.jobs.delete(job.id);
            }
        }
    }

    /** Holds every job (an engine restart): the running ones finish, the others wait for `resume`. */
    public async pause(): Promise<void> {
        this.paused = true;
        for (const job of this.jobs.values()) {
            clearTimeout(job.timer);
        }
        await this.idle();
    }

    public resume(): void {
        this.paused = false;
        for (const job of this.jobs.values()) {
            this.arm(job);
        }
    }

    /** Waits until no job is running. */
    public async idle(): Promise<void> {
        while (this.running.size > 0) {
            await delay(5);
        }
    }

    /** Runs an app's recurring jobs now (and waits for them), instead of at their next tick. */
    public async runRecurringNow(appId: string): Promise<void> {
        const due = [...this.jobs.values()].filter((job) => job.appId === appId && job.everyMs !== undefined);
        for (const job of due) {
            clearTimeout(job.timer);
            while (job.running) {
                await delay(5);
            }
            await this.run(job);
        }
    }

    private enqueue(job: Omit<ScheduledJob, 'id'>): string {
        const scheduled: ScheduledJob = { ...job, id: `job-${++this.sequence}` };
        this.jobs.set(scheduled.id, scheduled);
        this.arm(scheduled);
        return scheduled.id;
    }

    private arm(job: ScheduledJob): void {
        // One timer per job: a run forced while the job ran re-arms it, and the older timer must not fire too.
        clearTimeout(job.timer);
        if (this.paused) {
            return; // armed again on resume
        }
        job.timer = setTimeout(() => void this.run(job), Math.max(0, job.runAt - Date.now()));
    }

    private async run(job: ScheduledJob): Promise<void> {
        if (job.everyMs === undefined) {
            this.jobs.delete(job.id);
        }
        const processor = this.processorOf(job.appId, job.processorId);
        if (!processor || job.running) {
            return;
        }
        this.running.add(job);
        job.running = true;
        try {
            await processor.processor(
                { ...(job.data ?? {}) } as never,
                undefined as never,
                undefined as never,
                undefined as never,
                undefined as never,
            );
        } catch (error) {
            const failure = `Job ${job.processorId} of app ${job.appId} failed: ${error instanceof Error ? error.message : String(error)}`;
            this.failures.push(failure);
            if (this.printFailures) {
                console.error(failure);
            }
        } finally {
            this.running.delete(job);
            job.running = false;
            if (job.everyMs !== undefined && this.jobs.has(job.id)) {
                job.runAt = Date.now() + job.everyMs;
                this.arm(job);
            }
        }
    }
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Agenda's intervals as apps write them: ms, or `N seconds` / `N minutes` / `N hours`. */
export function parseInterval(interval: string | number): number {
    if (typeof interval === 'number') {
        return interval;
    }
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?)\s*$/i.exec(interval);
    if (!match) {
        throw new Error(`This host does not read the interval "${interval}"`);
    }
    const unit = match[2].toLowerCase();
    const factor = unit.startsWith('h') ? 3_600_000 : unit === 'ms' || unit.startsWith('milli') ? 1 : unit.startsWith('m') ? 60_000 : 1_000;
    return Number(match[1]) * factor;
}
