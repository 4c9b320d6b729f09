/** A connection URL fit for logs and error messages: the password replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}
