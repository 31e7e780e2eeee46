export default function Page() {
  return <h1>segments</h1>;
}
