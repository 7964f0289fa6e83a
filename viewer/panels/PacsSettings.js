import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { useAppState } from '../state/useAppState';
/** The DICOMweb root and the credentials sent with every request. */
export function PacsSettings({ connectPacs }) {
    const config = useAppState((s) => s.pacs.config);
    const [root, setRoot] = useState(config?.qidoRoot ?? '/dicom-web');
    const [kind, setKind] = useState(config?.auth.kind ?? 'none');
    const [user, setUser] = useState('');
    const [password, setPassword] = useState('');
    const [token, setToken] = useState('');
    const submit = (event) => {
        event.preventDefault();
        const auth = kind === 'basic' ? { kind, user, password } : kind === 'bearer' ? { kind, token } : { kind: 'none' };
        connectPacs(root, auth);
    };
    return (_jsxs("form", { className: "pacs__settings", onSubmit: submit, "data-testid": "pacs-settings", children: [_jsxs("label", { children: ["DICOMweb root ", _jsx("input", { "data-testid": "pacs-root", value: root, onChange: (e) => setRoot(e.target.value), placeholder: "/dicom-web or https://\u2026" })] }), _jsxs("label", { children: ["Authorisation", ' ', _jsxs("select", { "data-testid": "pacs-auth-kind", value: kind, onChange: (e) => setKind(e.target.value), children: [_jsx("option", { value: "none", children: "none" }), _jsx("option", { value: "basic", children: "user and password (Basic)" }), _jsx("option", { value: "bearer", children: "token (Bearer)" })] })] }), kind === 'basic' && (_jsxs(_Fragment, { children: [_jsxs("label", { children: ["User ", _jsx("input", { "data-testid": "pacs-user", value: user, onChange: (e) => setUser(e.target.value), autoComplete: "username" })] }), _jsxs("label", { children: ["Password ", _jsx("input", { "data-testid": "pacs-password", type: "password", value: password, onChange: (e) => setPassword(e.target.value), autoComplete: "current-password" })] })] })), kind === 'bearer' && _jsxs("label", { children: ["Token ", _jsx("input", { "data-testid": "pacs-token", value: token, onChange: (e) => setToken(e.target.value) })] }), _jsx("button", { type: "submit", "data-testid": "pacs-connect", children: "Use this server" })] }));
}
