// reader.html?id=<saved id>: a saved article, read offline from the extension's storage.
import { render } from 'preact';
import { ReaderPage } from '@/components/reader/ReaderPage';
import '@/components/reader/reader.css';
import { localizeDocument } from '@/utils/i18n';
import './style.css';

localizeDocument();

render(<ReaderPage id={new URLSearchParams(location.search).get('id')} />, document.getElementById('app')!);
