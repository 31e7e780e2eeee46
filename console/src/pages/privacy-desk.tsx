export default function Page() {
  return <h1>privacy-desk</h1>;
}
