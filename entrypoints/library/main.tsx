import { render } from 'preact';
import { Library } from '@/components/library/Library';
import '@/components/library/library.css';
import { localizeDocument, t } from '@/utils/i18n';

localizeDocument();
document.title = t('libraryPageTitle');

render(<Library />, document.getElementById('app')!);
