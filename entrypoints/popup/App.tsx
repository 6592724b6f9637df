import { Companion } from '@/components/Companion';

export function App() {
  return <Companion mode="popup" />;
}
