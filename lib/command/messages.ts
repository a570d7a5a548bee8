import type { IUserSettings } from '@rocket.chat/apps-engine/definition/users/IUserSettings';

import { pickLanguage } from '../i18n/language';

/** Every text of `/service-time`, in each language the app speaks. */
export interface CommandMessages {
    notAllowed: string;
    usage: string;
    /** Words that ask for the usage text. */
    help: readonly string[];
    lastDays(days: number): string;
    dates(from: string, to: string): string;
    withDepartment(period: string, departmentId: string): string;
    title(period: string): string;
    header: readonly [string, string, string];
    empty(period: string): string;
    /** The line after the table that links the dashboard. */
    dashboard(url: string): string;
}

const usage = (lines: string[]) => lines.join('\n');

export const MESSAGES: Readonly<Record<'en' | 'es' | 'pt-BR', CommandMessages>> = {
    en: {
        notAllowed: 'You do not have the permissions required to read the service time reports.',
        usage: usage([
            'Usage: /service-time [7d|30d|90d|YYYY-MM-DD YYYY-MM-DD] [departmentId]',
            '  /service-time            the last 30 days',
            '  /service-time 7d         the last 7 days',
            '  /service-time 2024-01-01 2024-01-31 sales   January 2024 (UTC, whole days), department "sales"',
        ]),
        help: ['help'],
        lastDays: (days) => `the last ${days} days`,
        dates: (from, to) => `${from} to ${to} (UTC)`,
        withDepartment: (period, departmentId) => `${period}, department ${departmentId}`,
        title: (period) => `Average service time, ${period}:`,
        header: ['Agent', 'Chats', 'Average service time'],
        empty: (period) => `No closed chats with service time in ${period}.`,
        dashboard: (url) => `Charts, median and p90 on the dashboard: ${url}`,
    },
    es: {
        notAllowed: 'No tiene los permisos necesarios para leer los informes de tiempo de atención.',
        usage: usage([
            'Uso: /service-time [7d|30d|90d|AAAA-MM-DD AAAA-MM-DD] [departmentId]',
            '  /service-time            los últimos 30 días',
            '  /service-time 7d         los últimos 7 días',
            '  /service-time 2024-01-01 2024-01-31 ventas   enero de 2024 (UTC, días completos), departamento "ventas"',
        ]),
        help: ['help', 'ayuda'],
        lastDays: (days) => `los últimos ${days} días`,
        dates: (from, to) => `del ${from} al ${to} (UTC)`,
        withDepartment: (period, departmentId) => `${period}, departamento ${departmentId}`,
        title: (period) => `Tiempo medio de atención, ${period}:`,
        header: ['Agente', 'Chats', 'Tiempo medio de atención'],
        empty: (period) => `No hay chats cerrados con tiempo de atención (${period}).`,
        dashboard: (url) => `Gráficos, mediana y p90 en el panel: ${url}`,
    },
    'pt-BR': {
        notAllowed: 'Você não tem as permissões necessárias para ler os relatórios de tempo de atendimento.',
        usage: usage([
            'Uso: /service-time [7d|30d|90d|AAAA-MM-DD AAAA-MM-DD] [departmentId]',
            '  /service-time            os últimos 30 dias',
            '  /service-time 7d         os últimos 7 dias',
            '  /service-time 2024-01-01 2024-01-31 vendas   janeiro de 2024 (UTC, dias inteiros), departamento "vendas"',
        ]),
        help: ['help', 'ajuda'],
        lastDays: (days) => `os últimos ${days} dias`,
        dates: (from, to) => `de ${from} a ${to} (UTC)`,
        withDepartment: (period, departmentId) => `${period}, departamento ${departmentId}`,
        title: (period) => `Tempo médio de atendimento, ${period}:`,
        header: ['Agente', 'Chats', 'Tempo médio de atendimento'],
        empty: (period) => `Nenhum chat encerrado com tempo de atendimento (${period}).`,
        dashboard: (url) => `Gráficos, mediana e p90 no painel: ${url}`,
    },
};

/** The messages in the user's language (`pickLanguage`). */
export function messagesFor(user: { settings?: IUserSettings }): CommandMessages {
    return MESSAGES[pickLanguage([user.settings?.preferences?.language])];
}
