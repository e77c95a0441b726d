// nunjucks ships no types; the fixture site uses only these few calls.
declare module 'nunjucks' {
  export class FileSystemLoader {
    constructor(path: string)
  }
  export class Environment {
    constructor(loader: FileSystemLoader, options?: { autoescape?: boolean })
    addFilter(name: string, fn: (...args: never[]) => unknown): void
    render(name: string, context: object): string
    renderString(source: string, context: object): string
  }
  const nunjucks: { Environment: typeof Environment; FileSystemLoader: typeof FileSystemLoader }
  export default nunjucks
}
