/**
 * Why git refuses `name` as a branch or name name (git check-ref-format's rules), or undefined when
 * it takes it; a leading "-" is refused too, since git would read it as an option.
 */
export function refNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name === "@") return 'it is "@"';
  const control = Array.from({ length: name.length }, (_, index) => name.charCodeAt(index)).some((code) => code <= 0x20 || code === 0x7f);
  if (control || /[~^:?*[\\]/.test(name)) return "it holds a space, a control character or one of ~ ^ : ? * [ \\";
  if (name.includes("..")) return 'it holds ".."';
  if (name.includes("@{")) return 'it holds "@{"';
  if (name.includes("//") || name.startsWith("/") || name.endsWith("/")) return "it has an empty path component";
  if (name.endsWith(".")) return 'it ends with "."';
  if (name.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock")))
    return 'a component starts with "." or ends with ".lock"';
  if (name.startsWith("-")) return 'it starts with "-"';
  return undefined;
}
