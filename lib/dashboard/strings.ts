import type { Attribution, HoursChoice } from '../reports/choices';
import type { Language } from '../i18n/language';
import type { LegEnd } from '../legs/legs';
import type { ExplainStrings } from './explainStrings';
import { EXPLAIN_STRINGS } from './explainStrings';

/** The texts of the chats behind an agent's figures (the drill-down under the agents table). */
export interface ChatsStrings {
    /** The agent name's button in the table, and the list's heading. */
    show(username: string): string;
    title(username: string): string;
    /** The heading of a chart bucket's chats: its days (`2026-11-02` or `2026-11-02 – 2026-11-08`), and the agent charted, if one is. */
    bucketTitle(period: string, username: string | undefined): string;
    downloadCsv: string;
    columns: Record<'created' | 'serviceTime' | 'firstResponse' | 'rating' | 'department' | 'legs' | 'room', string>;
    openRoom: string;
    page(first: number, last: number, total: number): string;
    previous: string;
    next: string;
    close: string;
    legEnds: Record<LegEnd, string>;
    /** A leg as text: who, for how long, how it ended. */
    leg(username: string, duration: string, end: string): string;
    noLegs: string;
}

/** Every text of the dashboard and of the button's dialog, in each language the app speaks. */
export interface DashboardStrings {
    title: string;
    loading: string;
    signedInAs(username: string): string;
    range: string;
    presets: Record<'today' | 'last7' | 'last30' | 'last90' | 'thisMonth' | 'custom', string>;
    from: string;
    to: string;
    timeZone: string;
    department: string;
    allDepartments: string;
    interval: string;
    intervals: Record<'auto' | 'day' | 'week' | 'month', string>;
    /** Who a chat's time goes to (`attribution`), and which hours count (`hours`). */
    credit: string;
    credits: Record<Attribution, string>;
    hours: string;
    hoursOptions: Record<HoursChoice, string>;
    chartAgent: string;
    allAgents: string;
    columns: Record<
        'agent' | 'chats' | 'average' | 'median' | 'p90' | 'total' | 'firstResponse' | 'rated' | 'csat' | 'satisfaction',
        string
    >;
    /** The switch that adds the ratings' columns to the agents table, and what CSAT means. */
    showRatings: string;
    csatHint: string;
    sortBy(column: string): string;
    agentsTitle: string;
    chartTitle: string;
    chartCaption(interval: string, timeZone: string): string;
    chartFigures: string;
    chatsSeries: string;
    averageSeries: string;
    distributionTitle: string;
    distributionHint: string;
    downloadCsv: string;
    importRunning(scanned: number, imported: number): string;
    importFailed(error: string): string;
    notLoggedIn: string;
    logIn: string;
    forbidden: string;
    forbiddenHelp: string;
    invalidRange: string;
    unknownTimeZone(name: string): string;
    empty: string;
    error(message: string): string;
    retry: string;
    noValue: string;
    dialogTitle: string;
    dialogText: string;
    dialogOpen: string;
    dialogClose: string;
    chats: ChatsStrings;
    explain: ExplainStrings;
}

const en: DashboardStrings = {
    title: 'Agent service time',
    loading: 'Loading…',
    signedInAs: (username) => `Signed in as ${username}`,
    range: 'Range',
    presets: {
        today: 'Today',
        last7: 'Last 7 days',
        last30: 'Last 30 days',
        last90: 'Last 90 days',
        thisMonth: 'This month',
        custom: 'Custom',
    },
    from: 'From',
    to: 'To',
    timeZone: 'Timezone',
    department: 'Department',
    allDepartments: 'All departments',
    interval: 'Chart per',
    intervals: { auto: 'Auto', day: 'Day', week: 'Week', month: 'Month' },
    credit: 'Credit time to',
    credits: { last: 'Last agent (as Rocket.Chat)', legs: 'Each agent’s own part' },
    hours: 'Hours',
    hoursOptions: { all: 'All hours', business: 'Business hours' },
    chartAgent: 'Agent',
    allAgents: 'All agents',
    columns: {
        agent: 'Agent',
        chats: 'Chats',
        average: 'Average',
        median: 'Median',
        p90: 'p90',
        total: 'Total time',
        firstResponse: 'First response',
        rated: 'Rated',
        csat: 'CSAT',
        satisfaction: 'Satisfaction',
    },
    showRatings: 'Show the visitors’ ratings',
    csatHint:
        'CSAT: the share of satisfaction ratings of 4 or 5. Rated: the share of the agent’s chats the visitor rated. Satisfaction: the average, 1 to 5.',
    sortBy: (column) => `Sort by ${column}`,
    agentsTitle: 'Agents',
    chartTitle: 'Chats and average service time',
    chartCaption: (interval, timeZone) => `${interval}, ${timeZone}`,
    chartFigures: 'The figures',
    chatsSeries: 'Chats',
    averageSeries: 'Average service time',
    distributionTitle: 'Distribution per agent',
    distributionHint: 'Bar: median to p90. Half of the chats took less than the median; 9 in 10 took less than p90.',
    downloadCsv: 'Download CSV',
    importRunning: (scanned, imported) =>
        `Importing the chats closed before the app was installed: ${scanned} rooms read, ${imported} recorded so far. Figures grow until it ends.`,
    importFailed: (error) => `The history import stopped: ${error}. An administrator can start it again.`,
    notLoggedIn: 'You are not logged in to Rocket.Chat in this browser.',
    logIn: 'Log in, then open this page again',
    forbidden: 'Your roles may not read the service time reports.',
    forbiddenHelp:
        'An administrator can add one of your roles to the setting "Roles that may read the reports" (Administration > Apps > Agent Service Time > Settings).',
    invalidRange: 'The start of the range must come before its end.',
    unknownTimeZone: (name) => `Unknown timezone "${name}": use a name such as America/Sao_Paulo, or an offset such as -03:00.`,
    empty: 'No closed chats with service time in this range.',
    error: (message) => `The report could not be loaded: ${message}`,
    retry: 'Try again',
    noValue: '—',
    dialogTitle: 'Service time dashboard',
    dialogText: 'Each agent’s chats, average, median and p90 service time, per day, week or month, with a CSV download.',
    dialogOpen: 'Open the dashboard',
    dialogClose: 'Close',
    chats: {
        show: (username) => `Show the chats of ${username}`,
        title: (username) => `Chats of ${username}`,
        bucketTitle: (period, username) => (username ? `Chats of ${username}, ${period}` : `Chats of ${period}`),
        downloadCsv: 'Download these chats (CSV)',
        columns: {
            created: 'Started',
            serviceTime: 'Service time',
            firstResponse: 'First response',
            rating: 'Rating',
            department: 'Department',
            legs: 'Agents',
            room: 'Room',
        },
        openRoom: 'Open',
        page: (first, last, total) => `${first}–${last} of ${total}`,
        previous: 'Previous',
        next: 'Next',
        close: 'Close the chats',
        legEnds: { close: 'closed', transfer: 'transferred', queue: 'back to the queue' },
        leg: (username, duration, end) => `${username}: ${duration}, ${end}`,
        noLegs: 'No handover seen',
    },
    explain: EXPLAIN_STRINGS.en,
};

const es: DashboardStrings = {
    title: 'Tiempo de atención por agente',
    loading: 'Cargando…',
    signedInAs: (username) => `Sesión iniciada como ${username}`,
    range: 'Periodo',
    presets: {
        today: 'Hoy',
        last7: 'Últimos 7 días',
        last30: 'Últimos 30 días',
        last90: 'Últimos 90 días',
        thisMonth: 'Este mes',
        custom: 'Personalizado',
    },
    from: 'Desde',
    to: 'Hasta',
    timeZone: 'Zona horaria',
    department: 'Departamento',
    allDepartments: 'Todos los departamentos',
    interval: 'Gráfico por',
    intervals: { auto: 'Automático', day: 'Día', week: 'Semana', month: 'Mes' },
    credit: 'Atribuir el tiempo a',
    credits: { last: 'Último agente (como Rocket.Chat)', legs: 'La parte de cada agente' },
    hours: 'Horas',
    hoursOptions: { all: 'Todas las horas', business: 'Horario comercial' },
    chartAgent: 'Agente',
    allAgents: 'Todos los agentes',
    columns: {
        agent: 'Agente',
        chats: 'Chats',
        average: 'Media',
        median: 'Mediana',
        p90: 'p90',
        total: 'Tiempo total',
        firstResponse: 'Primera respuesta',
        rated: 'Valorados',
        csat: 'CSAT',
        satisfaction: 'Satisfacción',
    },
    showRatings: 'Mostrar las valoraciones de los visitantes',
    csatHint:
        'CSAT: la proporción de valoraciones de satisfacción de 4 o 5. Valorados: la proporción de chats del agente que el visitante valoró. Satisfacción: la media, de 1 a 5.',
    sortBy: (column) => `Ordenar por ${column}`,
    agentsTitle: 'Agentes',
    chartTitle: 'Chats y tiempo medio de atención',
    chartCaption: (interval, timeZone) => `${interval}, ${timeZone}`,
    chartFigures: 'Las cifras',
    chatsSeries: 'Chats',
    averageSeries: 'Tiempo medio de atención',
    distributionTitle: 'Distribución por agente',
    distributionHint: 'Barra: de la mediana al p90. La mitad de los chats duró menos que la mediana; 9 de cada 10, menos que el p90.',
    downloadCsv: 'Descargar CSV',
    importRunning: (scanned, imported) =>
        `Importando los chats cerrados antes de instalar la app: ${scanned} salas leídas, ${imported} registradas hasta ahora. Las cifras crecen hasta que termine.`,
    importFailed: (error) => `La importación del historial se detuvo: ${error}. Un administrador puede iniciarla de nuevo.`,
    notLoggedIn: 'No ha iniciado sesión en Rocket.Chat en este navegador.',
    logIn: 'Inicie sesión y vuelva a abrir esta página',
    forbidden: 'Sus roles no pueden leer los informes de tiempo de atención.',
    forbiddenHelp:
        'Un administrador puede añadir uno de sus roles al ajuste "Roles que pueden leer los informes" (Administración > Apps > Agent Service Time > Ajustes).',
    invalidRange: 'El inicio del periodo debe ser anterior a su fin.',
    unknownTimeZone: (name) => `Zona horaria desconocida "${name}": use un nombre como America/Mexico_City, o un desfase como -06:00.`,
    empty: 'No hay chats cerrados con tiempo de atención en este periodo.',
    error: (message) => `No se pudo cargar el informe: ${message}`,
    retry: 'Reintentar',
    noValue: '—',
    dialogTitle: 'Panel de tiempo de atención',
    dialogText: 'Chats, media, mediana y p90 del tiempo de atención de cada agente, por día, semana o mes, con descarga CSV.',
    dialogOpen: 'Abrir el panel',
    dialogClose: 'Cerrar',
    chats: {
        show: (username) => `Ver los chats de ${username}`,
        title: (username) => `Chats de ${username}`,
        bucketTitle: (period, username) => (username ? `Chats de ${username}, ${period}` : `Chats del ${period}`),
        downloadCsv: 'Descargar estos chats (CSV)',
        columns: {
            created: 'Inicio',
            serviceTime: 'Tiempo de atención',
            firstResponse: 'Primera respuesta',
            rating: 'Valoración',
            department: 'Departamento',
            legs: 'Agentes',
            room: 'Sala',
        },
        openRoom: 'Abrir',
        page: (first, last, total) => `${first}–${last} de ${total}`,
        previous: 'Anterior',
        next: 'Siguiente',
        close: 'Cerrar los chats',
        legEnds: { close: 'cerrado', transfer: 'transferido', queue: 'devuelto a la cola' },
        leg: (username, duration, end) => `${username}: ${duration}, ${end}`,
        noLegs: 'Sin traspasos vistos',
    },
    explain: EXPLAIN_STRINGS.es,
};

const ptBR: DashboardStrings = {
    title: 'Tempo de atendimento por agente',
    loading: 'Carregando…',
    signedInAs: (username) => `Conectado como ${username}`,
    range: 'Período',
    presets: {
        today: 'Hoje',
        last7: 'Últimos 7 dias',
        last30: 'Últimos 30 dias',
        last90: 'Últimos 90 dias',
        thisMonth: 'Este mês',
        custom: 'Personalizado',
    },
    from: 'De',
    to: 'Até',
    timeZone: 'Fuso horário',
    department: 'Departamento',
    allDepartments: 'Todos os departamentos',
    interval: 'Gráfico por',
    intervals: { auto: 'Automático', day: 'Dia', week: 'Semana', month: 'Mês' },
    credit: 'Atribuir o tempo a',
    credits: { last: 'Último agente (como o Rocket.Chat)', legs: 'A parte de cada agente' },
    hours: 'Horas',
    hoursOptions: { all: 'Todas as horas', business: 'Horário comercial' },
    chartAgent: 'Agente',
    allAgents: 'Todos os agentes',
    columns: {
        agent: 'Agente',
        chats: 'Chats',
        average: 'Média',
        median: 'Mediana',
        p90: 'p90',
        total: 'Tempo total',
        firstResponse: 'Primeira resposta',
        rated: 'Avaliados',
        csat: 'CSAT',
        satisfaction: 'Satisfação',
    },
    showRatings: 'Mostrar as avaliações dos visitantes',
    csatHint:
        'CSAT: a parcela de avaliações de satisfação 4 ou 5. Avaliados: a parcela dos chats do agente que o visitante avaliou. Satisfação: a média, de 1 a 5.',
    sortBy: (column) => `Ordenar por ${column}`,
    agentsTitle: 'Agentes',
    chartTitle: 'Chats e tempo médio de atendimento',
    chartCaption: (interval, timeZone) => `${interval}, ${timeZone}`,
    chartFigures: 'Os números',
    chatsSeries: 'Chats',
    averageSeries: 'Tempo médio de atendimento',
    distributionTitle: 'Distribuição por agente',
    distributionHint: 'Barra: da mediana ao p90. Metade dos chats durou menos que a mediana; 9 em cada 10, menos que o p90.',
    downloadCsv: 'Baixar CSV',
    importRunning: (scanned, imported) =>
        `Importando os chats encerrados antes da instalação do app: ${scanned} salas lidas, ${imported} registradas até agora. Os números crescem até o fim.`,
    importFailed: (error) => `A importação do histórico parou: ${error}. Um administrador pode iniciá-la de novo.`,
    notLoggedIn: 'Você não está conectado ao Rocket.Chat neste navegador.',
    logIn: 'Entre e abra esta página de novo',
    forbidden: 'Suas funções não podem ler os relatórios de tempo de atendimento.',
    forbiddenHelp:
        'Um administrador pode adicionar uma das suas funções à configuração "Funções que podem ler os relatórios" (Administração > Apps > Agent Service Time > Configurações).',
    invalidRange: 'O início do período deve vir antes do fim.',
    unknownTimeZone: (name) => `Fuso horário desconhecido "${name}": use um nome como America/Sao_Paulo, ou um deslocamento como -03:00.`,
    empty: 'Nenhum chat encerrado com tempo de atendimento neste período.',
    error: (message) => `Não foi possível carregar o relatório: ${message}`,
    retry: 'Tentar de novo',
    noValue: '—',
    dialogTitle: 'Painel de tempo de atendimento',
    dialogText: 'Chats, média, mediana e p90 do tempo de atendimento de cada agente, por dia, semana ou mês, com download CSV.',
    dialogOpen: 'Abrir o painel',
    dialogClose: 'Fechar',
    chats: {
        show: (username) => `Ver os chats de ${username}`,
        title: (username) => `Chats de ${username}`,
        bucketTitle: (period, username) => (username ? `Chats de ${username}, ${period}` : `Chats de ${period}`),
        downloadCsv: 'Baixar estes chats (CSV)',
        columns: {
            created: 'Início',
            serviceTime: 'Tempo de atendimento',
            firstResponse: 'Primeira resposta',
            rating: 'Avaliação',
            department: 'Departamento',
            legs: 'Agentes',
            room: 'Sala',
        },
        openRoom: 'Abrir',
        page: (first, last, total) => `${first}–${last} de ${total}`,
        previous: 'Anterior',
        next: 'Próxima',
        close: 'Fechar os chats',
        legEnds: { close: 'encerrado', transfer: 'transferido', queue: 'devolvido à fila' },
        leg: (username, duration, end) => `${username}: ${duration}, ${end}`,
        noLegs: 'Nenhuma transferência vista',
    },
    explain: EXPLAIN_STRINGS['pt-BR'],
};

export const DASHBOARD_STRINGS: Readonly<Record<Language, DashboardStrings>> = { en, es, 'pt-BR': ptBR };
