// The part of pdfmake 0.3's server API the printer uses. (@types/pdfmake pulls the DOM library into
// every file's types, which the API's own code must not see.)
declare module 'pdfmake' {
  /** A piece of a document definition: text, or an object of pdfmake's (text, table, stack, columns…). */
  export type Content = string | { readonly [key: string]: unknown } | readonly Content[];
  export interface DocumentDefinition {
    content: Content;
    header?: (page: number, pages: number) => Content;
    footer?: (page: number, pages: number) => Content;
    [key: string]: unknown;
  }
  interface Pdfmake {
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(allowed: (url: string) => boolean): void;
    setLocalAccessPolicy(allowed: (path: string) => boolean): void;
    addTableLayouts(layouts: Record<string, { readonly [key: string]: unknown }>): void;
    createPdf(definition: DocumentDefinition): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: Pdfmake;
  export default pdfmake;
}
