import { render } from 'preact';
import { localizeDocument, t } from '@/utils/i18n';
import { App } from './App';
import './style.css';

localizeDocument();
document.title = t('optionsPageTitle');
render(<App />, document.getElementById('app')!);
