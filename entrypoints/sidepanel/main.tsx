import { render } from 'preact';
import { Companion } from '@/components/Companion';
import { localizeDocument } from '@/utils/i18n';
import './style.css';

localizeDocument();
render(<Companion mode="panel" />, document.getElementById('app')!);
