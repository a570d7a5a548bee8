/**
 * A cell of a Markdown code block as Rocket.Chat's message parser reads it: a backtick anywhere could
 * take part in a fence that ends the block (and what follows would be rendered as Markdown, links and
 * mentions included), and a line break would start a line the table does not own. Backticks become
 * the fullwidth grave accent (U+FF40), which looks the same and ends nothing; control characters
 * (line breaks among them) become spaces.
 */
export function codeBlockCell(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/`/g, '\uFF40').replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
}
