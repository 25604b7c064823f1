// Module types for the files esbuild loads as text.
declare module '*.graphql' {
  const text: string;
  export default text;
}
declare module '*.css';
