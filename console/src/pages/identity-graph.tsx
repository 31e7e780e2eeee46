export default function Page() {
  return <h1>identity-graph</h1>;
}
