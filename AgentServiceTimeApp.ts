import type {
    IConfigurationExtend,
    IConfigurationModify,
    IEnvironmentRead,
    IHttp,
    IPersistence,
    IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api';
import { App } from '@rocket.chat/apps-engine/definition/App';
import type {
    ILivechatEventContext,
    ILivechatTransferEventContext,
    IPostLivechatAgentAssigned,
    IPostLivechatAgentUnassigned,
    IPostLivechatRoomClosed,
    IPostLivechatRoomTransferred,
} from '@rocket.chat/apps-engine/definition/livechat';
import type { IPostRoomDeleted, IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';
import type {
    IUIKitInteractionHandler,
    IUIKitResponse,
    UIKitActionButtonInteractionContext,
    UIKitBlockInteractionContext,
} from '@rocket.chat/apps-engine/definition/uikit';

import { appRoutes } from './endpoints/routes';
import { bucketBuilderProcessor, scheduleBucketBuilder } from './jobs/BucketBuilderJob';
import { ratingPickupProcessor, scheduleRatingPickup } from './jobs/RatingPickupJob';
import { watchForLateRating } from './lib/chats/ratingPickup';
import { RatingWatches } from './lib/storage/ratingWatches';
import { historyImportProcessor, scheduleImportBatch } from './jobs/HistoryImportJob';
import { AppSetting, appSettings } from './lib/settings/appSettings';
import { businessHoursText, parseBusinessHours } from './lib/hours/businessHours';
import { PersistenceRecordStore } from './lib/storage/persistenceRecordStore';
import { isRetentionMonths, MAX_RETENTION_MONTHS } from './lib/chats/retention';
import { readRatingRecheckDelayMs, readRetentionCutoff } from './lib/workspace/workspaceSettings';
import { forgetDeletedRoom } from './lib/chats/forgetDeletedRoom';
import { agentChangeOf, transferChangeOf } from './lib/chats/legChanges';
import type { LegChange, LegRoom } from './lib/chats/chatLegs';
import { recordLegEvent } from './lib/chats/chatLegs';
import { recordClosedRoom } from './lib/chats/recordClosedRoom';
import type { ClosedLivechatRoom } from './lib/chats/roomMetrics';
import { ServiceTimeCommand } from './slashcommands/ServiceTimeCommand';
import { messageOf } from './lib/util/messageOf';
import { openDashboardDialog } from './lib/workspace/dashboardSources';
import { OPEN_DASHBOARD_ACTION, OPEN_DASHBOARD_BUTTON } from './lib/dashboard/openButton';

export class AgentServiceTimeApp
    extends App
    implements
        IPostLivechatRoomClosed,
        IPostLivechatAgentAssigned,
        IPostLivechatAgentUnassigned,
        IPostLivechatRoomTransferred,
        IPostRoomDeleted,
        IUIKitInteractionHandler
{
    public async executePostLivechatRoomClosed(room: ClosedLivechatRoom, read: IRead, _http: IHttp, persis: IPersistence): Promise<void> {
        const store = new PersistenceRecordStore(read.getPersistenceReader(), persis);
        const decision = await recordClosedRoom(room, store, this.getLogger(), undefined, await readRetentionCutoff(read));
        await watchForLateRating(
            decision,
            new RatingWatches(read.getPersistenceReader(), persis),
            await readRatingRecheckDelayMs(read),
            this.getLogger(),
        );
    }

    /** The legs of a chat: who took it and when (`lib/legs`). */
    public async executePostLivechatAgentAssigned(
        context: ILivechatEventContext,
        read: IRead,
        _http: IHttp,
        persis: IPersistence,
    ): Promise<void> {
        await this.keepLegEvent(context.room, agentChangeOf('assigned', context), read, persis);
    }

    public async executePostLivechatAgentUnassigned(
        context: ILivechatEventContext,
        read: IRead,
        _http: IHttp,
        persis: IPersistence,
    ): Promise<void> {
        await this.keepLegEvent(context.room, agentChangeOf('unassigned', context), read, persis);
    }

    public async executePostLivechatRoomTransferred(
        context: ILivechatTransferEventContext,
        read: IRead,
        _http: IHttp,
        persis: IPersistence,
    ): Promise<void> {
        await this.keepLegEvent(context.room, transferChangeOf(context), read, persis);
    }

    private async keepLegEvent(room: LegRoom | undefined, change: LegChange | undefined, read: IRead, persis: IPersistence): Promise<void> {
        if (room && change) {
            await recordLegEvent(room, change, new PersistenceRecordStore(read.getPersistenceReader(), persis), this.getLogger());
        }
    }

    public async executePostRoomDeleted(room: IRoom, read: IRead, _http: IHttp, persis: IPersistence): Promise<void> {
        await forgetDeletedRoom(room, new PersistenceRecordStore(read.getPersistenceReader(), persis), this.getLogger());
    }

    /** The user menu's "Service time dashboard": a dialog with the dashboard's link, in the user's language. */
    public async executeActionButtonHandler(context: UIKitActionButtonInteractionContext, read: IRead): Promise<IUIKitResponse> {
        const { actionId, user } = context.getInteractionData();
        if (actionId !== OPEN_DASHBOARD_ACTION) {
            return context.getInteractionResponder().successResponse();
        }
        return context.getInteractionResponder().openModalViewResponse(await openDashboardDialog(read, this.getID(), user));
    }

    /**
     * The dialog's "Open the dashboard" is a link, which Rocket.Chat's client opens in a new tab and
     * also reports as a block action (ButtonElement in packages/fuselage-ui-kit): nothing more to do.
     */
    public async executeBlockActionHandler(context: UIKitBlockInteractionContext): Promise<IUIKitResponse> {
        return context.getInteractionResponder().successResponse();
    }

    protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
        await Promise.all(appSettings.map((setting) => configuration.settings.provideSetting(setting)));
        await configuration.api.provideApi({
            visibility: ApiVisibility.PUBLIC,
            security: ApiSecurity.UNSECURE,
            endpoints: appRoutes(this),
        });
        configuration.ui.registerButton(OPEN_DASHBOARD_BUTTON);
        await configuration.scheduler.registerProcessors([
            historyImportProcessor(this.getLogger()),
            bucketBuilderProcessor(this.getLogger()),
            ratingPickupProcessor(this.getLogger()),
        ]);
        try {
            await configuration.slashCommands.provideSlashCommand(new ServiceTimeCommand(this.getID()));
        } catch (error) {
            // The engine keeps an app's commands across disable, then refuses them again on enable.
            this.getLogger().debug(`/service-time is still registered: ${messageOf(error)}`);
        }
    }

    /** A "Business hours" setting that does not read is said in the app's log at once (the reports answer 400 with the same words). */
    /** A retention the app cannot apply (1e9 months, -1, 2.5) is not saved: the old value stays, and the log says why. */
    public async onPreSettingUpdate(context: ISettingUpdateContext): Promise<ISetting> {
        const { oldSetting, newSetting } = context;
        if (newSetting.id === AppSetting.RetentionMonths && !isRetentionMonths(newSetting.value)) {
            this.getLogger().error(
                `The app setting "Keep records for (months)" takes a whole number from 0 to ${MAX_RETENTION_MONTHS}; ${JSON.stringify(newSetting.value)} was not saved.`,
            );
            return oldSetting;
        }
        return newSetting;
    }

    public async onSettingUpdated(setting: ISetting): Promise<void> {
        if (setting.id === AppSetting.BusinessHours) {
            const parsed = parseBusinessHours(businessHoursText(setting.value));
            if (!parsed.ok) {
                this.getLogger().error(`The app setting "Business hours" is not valid: ${parsed.problems.join('; ')}.`);
            }
        }
    }

    /**
     * Every enable kicks the history import (it starts the first time and resumes after a stop) and
     * the recurring job that keeps the buckets up to date.
     */
    public async onEnable(_environment: IEnvironmentRead, configurationModify: IConfigurationModify): Promise<boolean> {
        await scheduleImportBatch(configurationModify.scheduler, {});
        await scheduleBucketBuilder(configurationModify.scheduler);
        await scheduleRatingPickup(configurationModify.scheduler);
        return true;
    }
}
