// Admin console entry: /admin/.
import { render } from 'preact';
import { AdminApp } from './admin-app.tsx';
import '../lib/console-base.css';
import './admin.css';

render(<AdminApp />, document.getElementById('app')!);
