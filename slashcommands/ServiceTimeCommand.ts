import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ISlashCommand, SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';

import { readDashboardUrl, readDepartments } from '../lib/workspace/dashboardSources';
import { workspaceReportSources } from '../lib/workspace/reportSources';
import { readReportingTimeZone } from '../lib/workspace/workspaceSettings';
import { answerServiceTimeCommand } from '../lib/command/serviceTimeCommand';

/** `/service-time`: the average report for managers who will not use curl, answered to the caller alone. */
export class ServiceTimeCommand implements ISlashCommand {
    public command = 'service-time';
    public i18nParamsExample = 'Service_Time_Command_Params';
    public i18nDescription = 'Service_Time_Command_Description';
    public providesPreview = false;

    constructor(private readonly appId: string) {}

    public async executor(context: SlashCommandContext, read: IRead, modify: IModify, _http: IHttp, _persis: IPersistence): Promise<void> {
        const sender = context.getSender();
        const text = await answerServiceTimeCommand(
            sender,
            context.getArguments(),
            {
                ...workspaceReportSources(read),
                reportingTimeZone: () => readReportingTimeZone(read, sender),
                dashboardUrl: () => readDashboardUrl(read, this.appId),
                departments: () => readDepartments(read),
            },
            new Date(),
        );
        const message = modify.getCreator().startMessage().setRoom(context.getRoom()).setText(text).getMessage();
        await modify.getNotifier().notifyUser(sender, message);
    }
}
