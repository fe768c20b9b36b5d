/** `%text%` for LIKE … ESCAPE '\', with the wildcards and the escape in `text` matched as themselves. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
