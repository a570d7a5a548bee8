/**
 * Elements built from data. Text goes in as `textContent` only: a username such as
 * `<img src=x onerror=alert(1)>` is shown as those characters, never parsed as markup.
 */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: { class?: string; text?: string; attrs?: Record<string, string> } = {},
    children: Child[] = [],
): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    if (props.class) {
        element.className = props.class;
    }
    if (props.text !== undefined) {
        element.textContent = props.text;
    }
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
        element.setAttribute(name, value);
    }
    for (const child of children) {
        if (child) {
            element.append(typeof child === 'string' ? document.createTextNode(child) : child);
        }
    }
    return element;
}

/** A `<select>` of the given values and labels. */
export function select(name: string, options: Array<[string, string]>, value: string): HTMLSelectElement {
    const element = el('select', { attrs: { name, id: name } });
    for (const [optionValue, label] of options) {
        element.append(el('option', { text: label, attrs: { value: optionValue } }));
    }
    element.value = value;
    return element;
}

/** A label and its control, side by side. */
export function field(label: string, control: HTMLElement): HTMLElement {
    return el('label', { class: 'field' }, [el('span', { text: label }), control]);
}
