export default function Page() {
  return <h1>steward-workbench</h1>;
}
