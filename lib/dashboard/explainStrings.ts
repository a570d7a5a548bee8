import type { Language } from '../i18n/language';

/** The texts of "Why this figure": an agent's figure as Rocket.Chat counts it, beside the app's other countings. */
export interface ExplainStrings {
    title(username: string): string;
    intro: string;
    countings: Record<'core' | 'legs' | 'business', string>;
    columns: Record<'counting' | 'chats' | 'total' | 'average', string>;
    /** `difference`: the total's change against Rocket.Chat's, signed ("+5m", "−2m 10s"). */
    transfers(count: number, difference: string): string;
    noTransfers: string;
    outside(count: number, wholly: number, difference: string): string;
    noOutside: string;
    invalidSetting: string;
    noTimes(roomId: string): string;
    topTransfers: string;
    topOutside: string;
    chatColumns: Record<'started' | 'core' | 'legs' | 'business' | 'room', string>;
}

const en: ExplainStrings = {
    title: (username) => `Why ${username}’s figure differs from Rocket.Chat’s`,
    intro: 'Rocket.Chat’s own report credits each chat, whole, to the agent who served it at the close, at any hour. The app can count two other ways:',
    countings: {
        core: 'As Rocket.Chat counts',
        legs: 'Each agent’s own part',
        business: 'Business hours only',
    },
    columns: { counting: 'Counting', chats: 'Chats', total: 'Total', average: 'Average' },
    transfers: (count, difference) =>
        `${count} ${count === 1 ? 'chat was' : 'chats were'} handed over to or from this agent, or came back from the queue: counting each agent’s own part changes the total by ${difference}.`,
    noTransfers: 'No chat of this agent was handed over: counting each agent’s own part gives Rocket.Chat’s figure.',
    outside: (count, wholly, difference) =>
        `${count} ${count === 1 ? 'chat had' : 'chats had'} time outside business hours (${wholly} wholly outside, counted as 0 s): counting business hours only changes the total by ${difference}.`,
    noOutside: 'Every chat of this agent lay inside business hours.',
    invalidSetting: 'The app setting “Business hours” does not read, so there is no business-hours figure.',
    noTimes: (roomId) =>
        `Room ${roomId} was recorded before app 1.2 without its close time: there is no business-hours figure for this range.`,
    topTransfers: 'The handed-over chats that move the most time',
    topOutside: 'The chats with the most time outside business hours',
    chatColumns: { started: 'Started', core: 'As Rocket.Chat', legs: 'Own part', business: 'Business hours', room: 'Room' },
};

const es: ExplainStrings = {
    title: (username) => `Por qué la cifra de ${username} difiere de la de Rocket.Chat`,
    intro: 'El informe de Rocket.Chat atribuye cada chat, entero, al agente que lo atendía al cerrarse, a cualquier hora. La app puede contar de otras dos maneras:',
    countings: {
        core: 'Como cuenta Rocket.Chat',
        legs: 'La parte de cada agente',
        business: 'Solo horario comercial',
    },
    columns: { counting: 'Cómputo', chats: 'Chats', total: 'Total', average: 'Media' },
    transfers: (count, difference) =>
        `${count} ${count === 1 ? 'chat pasó' : 'chats pasaron'} a este agente o de él a otro, o volvieron de la cola: contar la parte de cada agente cambia el total en ${difference}.`,
    noTransfers: 'Ningún chat de este agente fue transferido: contar la parte de cada agente da la cifra de Rocket.Chat.',
    outside: (count, wholly, difference) =>
        `${count} ${count === 1 ? 'chat tuvo' : 'chats tuvieron'} tiempo fuera del horario comercial (${wholly} por completo, contados como 0 s): contar solo el horario comercial cambia el total en ${difference}.`,
    noOutside: 'Todos los chats de este agente fueron dentro del horario comercial.',
    invalidSetting: 'El ajuste “Horario comercial” de la app no se puede leer: no hay cifra en horario comercial.',
    noTimes: (roomId) =>
        `La sala ${roomId} se registró antes de la app 1.2, sin su hora de cierre: no hay cifra en horario comercial para este periodo.`,
    topTransfers: 'Los chats transferidos que más tiempo mueven',
    topOutside: 'Los chats con más tiempo fuera del horario comercial',
    chatColumns: { started: 'Inicio', core: 'Como Rocket.Chat', legs: 'Parte propia', business: 'Horario comercial', room: 'Sala' },
};

const ptBR: ExplainStrings = {
    title: (username) => `Por que o número de ${username} difere do Rocket.Chat`,
    intro: 'O relatório do Rocket.Chat credita cada chat, inteiro, ao agente que o atendia no encerramento, a qualquer hora. O app pode contar de outras duas formas:',
    countings: {
        core: 'Como o Rocket.Chat conta',
        legs: 'A parte de cada agente',
        business: 'Só horário comercial',
    },
    columns: { counting: 'Contagem', chats: 'Chats', total: 'Total', average: 'Média' },
    transfers: (count, difference) =>
        `${count} ${count === 1 ? 'chat foi transferido' : 'chats foram transferidos'} para este agente ou dele para outro, ou voltaram da fila: contar a parte de cada agente muda o total em ${difference}.`,
    noTransfers: 'Nenhum chat deste agente foi transferido: contar a parte de cada agente dá o número do Rocket.Chat.',
    outside: (count, wholly, difference) =>
        `${count} ${count === 1 ? 'chat teve' : 'chats tiveram'} tempo fora do horário comercial (${wholly} totalmente fora, contados como 0 s): contar só o horário comercial muda o total em ${difference}.`,
    noOutside: 'Todos os chats deste agente ficaram dentro do horário comercial.',
    invalidSetting: 'A configuração “Horário comercial” do app não pode ser lida: não há número em horário comercial.',
    noTimes: (roomId) =>
        `A sala ${roomId} foi registrada antes do app 1.2, sem o horário de encerramento: não há número em horário comercial neste período.`,
    topTransfers: 'Os chats transferidos que mais movem tempo',
    topOutside: 'Os chats com mais tempo fora do horário comercial',
    chatColumns: { started: 'Início', core: 'Como o Rocket.Chat', legs: 'Parte própria', business: 'Horário comercial', room: 'Sala' },
};

export const EXPLAIN_STRINGS: Readonly<Record<Language, ExplainStrings>> = { en, es, 'pt-BR': ptBR };
