export default function Page() {
  return <h1>audit-trail</h1>;
}
