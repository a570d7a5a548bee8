import type { IUserSettings } from '@rocket.chat/apps-engine/definition/users/IUserSettings';

import { pickLanguage } from '../i18n/language';

/** Every text of `/service-time`, in each language the app speaks. */
export interface CommandMessages {
    notAllowed: string;
    usage: string;
    /** Words that ask for the usage text. */
    help: readonly string[];
    /** A named range, in whole local days of the timezone, today included. */
    lastDays(days: number, timeZone: string): string;
    dates(from: string, to: string, timeZone: string): string;
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
            '  /service-time 2024-01-01 2024-01-31 sales   January 2024, department "sales"',
            'Days are whole days of the reporting timezone, today included.',
        ]),
        help: ['help'],
        lastDays: (days, timeZone) => `the last ${days} days in ${timeZone}`,
        dates: (from, to, timeZone) => `${from} to ${to} in ${timeZone}`,
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
            '  /service-time 2024-01-01 2024-01-31 ventas   enero de 2024, departamento "ventas"',
            'Días completos de la zona horaria de los informes, hoy incluido.',
        ]),
        help: ['help', 'ayuda'],
        lastDays: (days, timeZone) => `los últimos ${days} días en ${timeZone}`,
        dates: (from, to, timeZone) => `del ${from} al ${to} en ${timeZone}`,
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
            '  /service-time 2024-01-01 2024-01-31 vendas   janeiro de 2024, departamento "vendas"',
            'Dias inteiros do fuso horário dos relatórios, hoje incluído.',
        ]),
        help: ['help', 'ajuda'],
        lastDays: (days, timeZone) => `os últimos ${days} dias em ${timeZone}`,
        dates: (from, to, timeZone) => `de ${from} a ${to} em ${timeZone}`,
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
