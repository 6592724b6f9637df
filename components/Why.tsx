import type { Detection } from '@/utils/analysis/types';
import { t } from '@/utils/i18n';

/** Why Lede took the page for an article or not: the signals and what each weighed. */
export function Why({ detection }: { detection: Detection }) {
  if (detection.signals.length === 0) return null;
  return (
    <details class="why" data-testid="why">
      <summary>{t(detection.isArticle ? 'whyArticle' : 'whyNotArticle')}</summary>
      <p>
        {t('whyScore', [detection.score.toFixed(2), detection.threshold.toFixed(2)])}
      </p>
      {detection.isArticle && detection.sure === false && detection.sureThreshold !== undefined && (
        <p data-testid="why-unsure">{t('whyUnsure', detection.sureThreshold.toFixed(2))}</p>
      )}
      {detection.declaredNonStory && <p data-testid="why-declared">{t('whyDeclared', detection.declaredNonStory)}</p>}
      <table>
        <tbody>
          {detection.signals.map((s) => (
            <tr>
              <th scope="row">{s.name}</th>
              <td>{String(s.value)}</td>
              <td class={s.contribution >= 0 ? 'plus' : 'minus'}>
                {s.contribution >= 0 ? '+' : ''}
                {s.contribution.toFixed(2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
