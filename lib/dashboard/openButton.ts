import type { IUIActionButtonDescriptor } from '@rocket.chat/apps-engine/definition/ui';
import { UIActionButtonContext } from '@rocket.chat/apps-engine/definition/ui';
import type { IUIKitModalViewParam } from '@rocket.chat/apps-engine/definition/uikit/UIKitInteractionResponder';

import type { DashboardStrings } from './strings';

export const OPEN_DASHBOARD_ACTION = 'open-service-time-dashboard';

/**
 * The way in from Rocket.Chat: an entry in the user menu (the avatar's menu), shown only to holders
 * of `view-livechat-manager`, the permission the core report asks for; the client hides it from
 * everyone else. Its label is `Dashboard_Button_Label` in i18n/.
 */
export const OPEN_DASHBOARD_BUTTON: IUIActionButtonDescriptor = {
    actionId: OPEN_DASHBOARD_ACTION,
    context: UIActionButtonContext.USER_DROPDOWN_ACTION,
    labelI18n: 'Dashboard_Button_Label',
    when: { hasOnePermission: ['view-livechat-manager'] },
};

/** The dialog the button opens: what the dashboard shows, and a button that opens it in a new tab. */
export function dashboardDialog(strings: DashboardStrings, url: string): IUIKitModalViewParam {
    return {
        id: OPEN_DASHBOARD_ACTION,
        title: { type: 'plain_text', text: strings.dialogTitle, emoji: false },
        blocks: [
            { type: 'section', blockId: 'what', text: { type: 'plain_text', text: strings.dialogText, emoji: false } },
            {
                type: 'actions',
                blockId: 'open',
                elements: [
                    {
                        type: 'button',
                        appId: '',
                        blockId: 'open',
                        actionId: 'open-dashboard-link',
                        style: 'primary',
                        text: { type: 'plain_text', text: strings.dialogOpen, emoji: false },
                        url,
                    },
                ],
            },
        ],
        close: {
            type: 'button',
            appId: '',
            blockId: 'close',
            actionId: 'close',
            text: { type: 'plain_text', text: strings.dialogClose, emoji: false },
        },
    };
}
