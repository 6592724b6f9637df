export function Summary({ sentences, lang }: { sentences: string[]; lang: string | null }) {
  if (sentences.length === 0) return null;
  return (
    <section class="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <ul data-testid="summary" lang={lang ?? undefined} dir="auto">
        {sentences.map((s) => (
          <li data-testid="summary-sentence">{s}</li>
        ))}
      </ul>
    </section>
  );
}
