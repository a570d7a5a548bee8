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
    today(timeZone: string): string;
    thisMonth(timeZone: string): string;
    /** What was wrong with the words, said before the usage text. */
    problems: {
        notARange(word: string): string;
        oneDate(day: string): string;
        notADate(day: string): string;
        reversed(from: string, to: string): string;
        noDepartment(name: string, known: readonly string[]): string;
        ambiguousDepartment(name: string, candidates: readonly string[]): string;
    };
    dates(from: string, to: string, timeZone: string): string;
    withDepartment(period: string, department: string): string;
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
            'Usage: /service-time [today|7d|30d|90d|month|YYYY-MM-DD YYYY-MM-DD] [department]',
            '  /service-time            the last 30 days',
            '  /service-time 7d Sales   the last 7 days, department Sales (its name, or the start of it)',
            '  /service-time 2024-01-01 2024-01-31 sales   January 2024, department Sales',
            'Days are whole days of the reporting timezone, today included.',
        ]),
        help: ['help'],
        lastDays: (days, timeZone) => `the last ${days} days in ${timeZone}`,
        today: (timeZone) => `today in ${timeZone}`,
        thisMonth: (timeZone) => `this month in ${timeZone}`,
        problems: {
            notARange: (word) => `"${word}" is not a range: use today, 7d, 30d, 90d, month, or two dates.`,
            oneDate: (day) => `A range of dates needs two dates: ${day} and the last day (YYYY-MM-DD).`,
            notADate: (day) => `"${day}" is not a date (YYYY-MM-DD).`,
            reversed: (from, to) => `${from} comes after ${to}: give the first day first.`,
            noDepartment: (name, known) =>
                known.length > 0
                    ? `No department is named "${name}". Departments: ${known.join(', ')}.`
                    : `No department is named "${name}".`,
            ambiguousDepartment: (name, candidates) => `"${name}" could be ${candidates.join(' or ')}: type more of the name.`,
        },
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
            'Uso: /service-time [today|7d|30d|90d|month|AAAA-MM-DD AAAA-MM-DD] [departamento]',
            '  /service-time            los últimos 30 días',
            '  /service-time 7d Ventas  los últimos 7 días, departamento Ventas (su nombre, o su comienzo)',
            '  /service-time 2024-01-01 2024-01-31 ventas   enero de 2024, departamento Ventas',
            'Días completos de la zona horaria de los informes, hoy incluido.',
        ]),
        help: ['help', 'ayuda'],
        lastDays: (days, timeZone) => `los últimos ${days} días en ${timeZone}`,
        today: (timeZone) => `hoy en ${timeZone}`,
        thisMonth: (timeZone) => `este mes en ${timeZone}`,
        problems: {
            notARange: (word) => `"${word}" no es un periodo: use today, 7d, 30d, 90d, month o dos fechas.`,
            oneDate: (day) => `Un periodo de fechas necesita dos fechas: ${day} y el último día (AAAA-MM-DD).`,
            notADate: (day) => `"${day}" no es una fecha (AAAA-MM-DD).`,
            reversed: (from, to) => `${from} es posterior a ${to}: indique primero el primer día.`,
            noDepartment: (name, known) =>
                known.length > 0
                    ? `Ningún departamento se llama "${name}". Departamentos: ${known.join(', ')}.`
                    : `Ningún departamento se llama "${name}".`,
            ambiguousDepartment: (name, candidates) => `"${name}" puede ser ${candidates.join(' o ')}: escriba más del nombre.`,
        },
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
            'Uso: /service-time [today|7d|30d|90d|month|AAAA-MM-DD AAAA-MM-DD] [departamento]',
            '  /service-time            os últimos 30 dias',
            '  /service-time 7d Vendas  os últimos 7 dias, departamento Vendas (o nome, ou o começo dele)',
            '  /service-time 2024-01-01 2024-01-31 vendas   janeiro de 2024, departamento Vendas',
            'Dias inteiros do fuso horário dos relatórios, hoje incluído.',
        ]),
        help: ['help', 'ajuda'],
        lastDays: (days, timeZone) => `os últimos ${days} dias em ${timeZone}`,
        today: (timeZone) => `hoje em ${timeZone}`,
        thisMonth: (timeZone) => `este mês em ${timeZone}`,
        problems: {
            notARange: (word) => `"${word}" não é um período: use today, 7d, 30d, 90d, month ou duas datas.`,
            oneDate: (day) => `Um período de datas precisa de duas datas: ${day} e o último dia (AAAA-MM-DD).`,
            notADate: (day) => `"${day}" não é uma data (AAAA-MM-DD).`,
            reversed: (from, to) => `${from} vem depois de ${to}: informe primeiro o primeiro dia.`,
            noDepartment: (name, known) =>
                known.length > 0
                    ? `Nenhum departamento se chama "${name}". Departamentos: ${known.join(', ')}.`
                    : `Nenhum departamento se chama "${name}".`,
            ambiguousDepartment: (name, candidates) => `"${name}" pode ser ${candidates.join(' ou ')}: digite mais do nome.`,
        },
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
