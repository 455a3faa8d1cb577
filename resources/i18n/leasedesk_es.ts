<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountController</name>
    <message>
        <source>Sync works without signing in again until {date}</source>
        <translation>La sincronización funciona sin volver a iniciar sesión hasta el {date}</translation>
    </message>
    <message>
        <source>Applications on this computer</source>
        <translation>Solicitudes en esta computadora</translation>
    </message>
    <message>
        <source>this account</source>
        <translation>esta cuenta</translation>
    </message>
    <message>
        <source>Sign out {who}?

The applications of {who}, synced or not, stay on this computer and come back when {who} signs in again. Applications made while no one is signed in are kept separately.</source>
        <translation>¿Cerrar la sesión de {who}?

Las solicitudes de {who}, sincronizadas o no, se quedan en esta computadora y vuelven cuando {who} inicie sesión de nuevo. Las solicitudes creadas sin nadie con sesión iniciada se guardan aparte.</translation>
    </message>
    <message>
        <source>Sign out anyway?</source>
        <translation>¿Cerrar la sesión de todos modos?</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Offline · no sync backend configured (see docs/accounts.md, or run with --sandbox)</source>
        <translation>Sin conexión · no hay un servidor de sincronización configurado (vea docs/accounts.md, o inicie con --sandbox)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox.&lt;/b&gt; LeaseDesk is running against a demo backend inside the app. Everything in it — and the drafts of this session, kept in a temporary folder — is gone when the app closes. Demo agent: &lt;b&gt;{username}&lt;/b&gt;, password &lt;b&gt;{password}&lt;/b&gt;.</source>
        <translation>&lt;b&gt;Entorno de prueba.&lt;/b&gt; LeaseDesk funciona con un servidor de demostración dentro de la aplicación. Todo lo que contiene, y los borradores de esta sesión, guardados en una carpeta temporal, desaparece al cerrar la aplicación. Agente de demostración: &lt;b&gt;{username}&lt;/b&gt;, contraseña &lt;b&gt;{password}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>This is the sandbox. Its demo agent is filled in — user name {username}, password {password} — press Sign in.</source>
        <translation>Este es el entorno de prueba. Su agente de demostración ya está escrito (usuario {username}, contraseña {password}): pulse Iniciar sesión.</translation>
    </message>
    <message>
        <source>Something went wrong ({error}). Try again; your drafts are safe.</source>
        <translation>Algo salió mal ({error}). Inténtelo de nuevo; sus borradores están a salvo.</translation>
    </message>
    <message>
        <source>No sync backend is configured</source>
        <extracomment>The signed-in account changed: its ``AccountInfo``, or None. The main window now shows another profile&apos;s store (``ctx.store`` was replaced).</extracomment>
        <translation>No hay un servidor de sincronización configurado</translation>
    </message>
    <message>
        <source>&amp;How to set one up…</source>
        <translation>&amp;Cómo configurar uno…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Iniciar sesión…</translation>
    </message>
    <message>
        <source>Not signed in · choose Account › Sign in to sync</source>
        <translation>Sin sesión iniciada · elija Cuenta › Iniciar sesión para sincronizar</translation>
    </message>
    <message>
        <source>Signed in as {username}</source>
        <translation>Sesión iniciada como {username}</translation>
    </message>
    <message>
        <source>The sign-in has expired: sign in again to sync</source>
        <translation>La sesión venció: inicie sesión de nuevo para sincronizar</translation>
    </message>
    <message>
        <source>&amp;Sign in again…</source>
        <translation>&amp;Iniciar sesión de nuevo…</translation>
    </message>
    <message>
        <source>Sign in again to sync · drafts are kept</source>
        <translation>Inicie sesión de nuevo para sincronizar · los borradores se conservan</translation>
    </message>
    <message>
        <source>Sign in &amp;again now…</source>
        <translation>Iniciar sesión de &amp;nuevo ahora…</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>&amp;Cerrar sesión…</translation>
    </message>
    <message>
        <source>Sync backend</source>
        <translation>Servidor de sincronización</translation>
    </message>
    <message>
        <source>The key is back in the system keyring. Press Sign in again.</source>
        <translation>La clave volvió al llavero del sistema. Pulse Iniciar sesión de nuevo.</translation>
    </message>
    <message>
        <source>Sign out — applications not synced</source>
        <translation>Cerrar sesión: hay solicitudes sin sincronizar</translation>
    </message>
    <message>
        <source>The applications of this profile could not be opened.

{error}</source>
        <translation>No se pudieron abrir las solicitudes de este perfil.

{error}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox.&lt;/b&gt; Starting the demo backend…</source>
        <translation>&lt;b&gt;Entorno de prueba.&lt;/b&gt; Iniciando el servidor de demostración…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox.&lt;/b&gt; It could not start: {exc}</source>
        <translation>&lt;b&gt;Entorno de prueba.&lt;/b&gt; No se pudo iniciar: {exc}</translation>
    </message>
    <message>
        <source>This computer has %n application made before anyone signed in.

Make it {username}&apos;s, so it syncs with this account?

If you choose No, it stays here in the local profile and you see it again after signing out.</source>
        <translation>Esta computadora tiene %n solicitud creada antes de que alguien iniciara sesión.

¿Asignarla a {username} para que se sincronice con esta cuenta?

Si elige No, se queda aquí en el perfil local y la verá de nuevo al cerrar la sesión.</translation>
    </message>
    <message>
        <source>This computer has %n applications made before anyone signed in.

Make them {username}&apos;s, so they sync with this account?

If you choose No, they stay here in the local profile and you see them again after signing out.</source>
        <translation>Esta computadora tiene %n solicitudes creadas antes de que alguien iniciara sesión.

¿Asignarlas a {username} para que se sincronicen con esta cuenta?

Si elige No, se quedan aquí en el perfil local y las verá de nuevo al cerrar la sesión.</translation>
    </message>
    <message>
        <source>Sign in again within %n day to keep syncing</source>
        <translation>Inicie sesión de nuevo en %n día para seguir sincronizando</translation>
    </message>
    <message>
        <source>Sign in again within %n days to keep syncing</source>
        <translation>Inicie sesión de nuevo en %n días para seguir sincronizando</translation>
    </message>
</context>
<context>
    <name>AppInfoPage</name>
    <message>
        <source>B&amp;uilding address</source>
        <translation>&amp;Dirección del edificio</translation>
    </message>
    <message>
        <source>Pick a building profile or type an address</source>
        <translation>Elija un perfil de edificio o escriba una dirección</translation>
    </message>
    <message>
        <source>Un&amp;it</source>
        <translation>&amp;Unidad</translation>
    </message>
    <message>
        <source>e.g. 4B</source>
        <translation>p. ej. 4B</translation>
    </message>
    <message>
        <source>Monthly &amp;rent</source>
        <translation>&amp;Alquiler mensual</translation>
    </message>
    <message>
        <source>&amp;Move-in date</source>
        <translation>Fecha de &amp;mudanza</translation>
    </message>
    <message>
        <source>Lease &amp;term</source>
        <translation>Duración del &amp;contrato</translation>
    </message>
    <message>
        <source> months</source>
        <translation> meses</translation>
    </message>
    <message>
        <source>Application &amp;fee</source>
        <translation>Cargo por &amp;solicitud</translation>
    </message>
    <message>
        <source>NYC allows at most $20 (Real Property Law §238-a)</source>
        <translation>NYC permite como máximo $20 (Real Property Law §238-a)</translation>
    </message>
    <message>
        <source>Fee &amp;waived: the applicant brought a background/credit report no older than 30 days</source>
        <translation>Cargo &amp;exento: el solicitante trajo un informe de antecedentes o de crédito de menos de 30 días</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>Fecha del informe</translation>
    </message>
    <message>
        <source>Bro&amp;ker engaged by</source>
        <translation>Co&amp;rredor contratado por</translation>
    </message>
    <message>
        <source>Who hired the broker for this rental</source>
        <translation>Quién contrató al corredor para este alquiler</translation>
    </message>
    <message>
        <source>Broker fee charged to the a&amp;pplicant</source>
        <translation>Comisión del corredor cobrada al s&amp;olicitante</translation>
    </message>
    <message>
        <source>In NYC the applicant never pays the fee of a broker the landlord engaged (FARE Act)</source>
        <translation>En NYC el solicitante nunca paga la comisión de un corredor contratado por el arrendador (Ley FARE)</translation>
    </message>
    <message>
        <source>Referral source</source>
        <translation>Cómo nos conoció</translation>
    </message>
    <message>
        <source>e.g. StreetEasy</source>
        <translation>p. ej. StreetEasy</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <source>Unit {unit}</source>
        <translation>Unidad {unit}</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Synced</source>
        <extracomment>An application&apos;s sync state, as the sync engine reports it, and what the sync column shows for each. Decisions (open the conflict dialog first?) are made on the state, never the text. The state of an application the sync engine has reported nothing about.</extracomment>
        <translation>Sincronizada</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>Sin sincronizar</translation>
    </message>
    <message>
        <source>Status</source>
        <extracomment>Shown in the sync column until the sync engine reports a state for the application. The icon (``status_icons``) beside each status and sync state. ``data(index, APP_ID_ROLE)`` is the application&apos;s id, ``STATUS_ROLE`` its raw status.</extracomment>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Building and unit</source>
        <translation>Edificio y unidad</translation>
    </message>
    <message>
        <source>Rent</source>
        <translation>Alquiler</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>Última edición</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <extracomment>Emitted after new rows arrived from the store (the first load, and every refresh). Emitted after the visible rows changed (filter or reload): shown, total.</extracomment>
        <translation>(aún sin nombre)</translation>
    </message>
</context>
<context>
    <name>ApplicationsPane</name>
    <message>
        <source>No applications yet</source>
        <translation>Aún no hay solicitudes</translation>
    </message>
    <message>
        <source>Start the first rental application: an applicant, a building and unit, their income and documents. Each edit is saved as you type.
You can also choose File › New application (Ctrl+N).</source>
        <translation>Comience la primera solicitud de alquiler: un solicitante, un edificio y una unidad, sus ingresos y documentos. Cada cambio se guarda mientras escribe.
También puede elegir Archivo › Nueva solicitud (Ctrl+N).</translation>
    </message>
    <message>
        <source>New application</source>
        <translation>Solicitud nueva</translation>
    </message>
    <message>
        <source>Start a new rental application</source>
        <translation>Iniciar una solicitud de alquiler nueva</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Applicant name, building or unit</source>
        <translation>Nombre del solicitante, edificio o unidad</translation>
    </message>
    <message>
        <source>Search applications</source>
        <translation>Buscar solicitudes</translation>
    </message>
    <message>
        <source>Filters the list by applicant name, building or unit</source>
        <translation>Filtra la lista por nombre del solicitante, edificio o unidad</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>Es&amp;tado:</translation>
    </message>
    <message>
        <source>Show applications with status</source>
        <translation>Mostrar las solicitudes con el estado</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Opening your applications…</source>
        <translation>Abriendo sus solicitudes…</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>Solicitudes</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>(no name yet)</source>
        <translation>(aún sin nombre)</translation>
    </message>
    <message>
        <source>Nothing needs you.</source>
        <translation>Nada requiere su atención.</translation>
    </message>
    <message>
        <source>Applications that need attention</source>
        <translation>Solicitudes que requieren atención</translation>
    </message>
    <message>
        <source>Field: {field}</source>
        <translation>Campo: {field}</translation>
    </message>
    <message>
        <source>Open to choose values</source>
        <translation>Abra para elegir los valores</translation>
    </message>
    <message>
        <source>%n application needs you. Open it to go to the field to change.</source>
        <translation>%n solicitud requiere su atención. Ábrala para ir al campo que debe cambiar.</translation>
    </message>
    <message>
        <source>%n applications need you. Open one to go to the field to change.</source>
        <translation>%n solicitudes requieren su atención. Abra una para ir al campo que debe cambiar.</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Audit trail</source>
        <extracomment>Rows shown (the newest); the rest are counted in the summary line.</extracomment>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source> The chain verifies.</source>
        <translation> La cadena se verifica.</translation>
    </message>
    <message>
        <source> The chain does NOT verify: </source>
        <translation> La cadena NO se verifica: </translation>
    </message>
    <message>
        <source> (the newest {count} shown)</source>
        <translation> (se muestran las {count} más recientes)</translation>
    </message>
    <message>
        <source>1 entry on this computer{more}.{check}</source>
        <translation>1 entrada en esta computadora{more}.{check}</translation>
    </message>
    <message>
        <source>{count} entries on this computer{more}.{check}</source>
        <translation>{count} entradas en esta computadora{more}.{check}</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>your latest edits could not be applied to the new version</source>
        <extracomment>Debounce for typing: a pause this long sends the edit (at most 500 ms). How long closing a window waits for the worker to make its edits durable. A save refused because the stored copy is not the one this window edits any more: another writer (the sync engine) changed it, or it was submitted or deleted on the other computer. (state, message): SAVING / SAVED, or FAILED with a message for the agent. The store moved on under this window; a rebase is on its way. A ``Rebased``: the new copy, durable with the edits it could take. The edit token of the copy this window shows (``AutosaveService.open_for_edit``).</extracomment>
        <translation>sus últimos cambios no se pudieron aplicar a la versión nueva</translation>
    </message>
</context>
<context>
    <name>BackupGroup</name>
    <message>
        <source>Local backups</source>
        <translation>Copias de seguridad locales</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>keep all</source>
        <translation>conservar todas</translation>
    </message>
    <message>
        <source>Keep local backups for</source>
        <translation>Conservar las copias de seguridad locales durante</translation>
    </message>
    <message>
        <source>&amp;Keep backups for:</source>
        <translation>&amp;Conservar copias durante:</translation>
    </message>
    <message>
        <source>A copy of the database is made before every upgrade.</source>
        <translation>Se hace una copia de la base de datos antes de cada actualización.</translation>
    </message>
    <message>
        <source>A copy of the database is made before every upgrade; {count} kept ({size} MB). Older ones are removed at start, the newest always stays.</source>
        <translation>Se hace una copia de la base de datos antes de cada actualización; se conservan {count} ({size} MB). Las más antiguas se eliminan al iniciar; la más reciente siempre se queda.</translation>
    </message>
    <message>
        <source>The setting could not be saved: {error}</source>
        <translation>No se pudo guardar el ajuste: {error}</translation>
    </message>
</context>
<context>
    <name>Binding</name>
    <message>
        <source>Use a date like {example} ({pattern})</source>
        <extracomment>Kinds of value a binding converts: what is typed ↔ what the model holds.</extracomment>
        <translation>Use una fecha como {example} ({pattern})</translation>
    </message>
    <message>
        <source>No such date; use {pattern}, e.g. {example}</source>
        <translation>Esa fecha no existe; use {pattern}, p. ej. {example}</translation>
    </message>
    <message>
        <source>Enter an amount in dollars, like 2500 or 2500.00</source>
        <translation>Escriba un importe en dólares, como 2500 o 2500.00</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>No broker / not stated</source>
        <translation>Sin corredor / no indicado</translation>
    </message>
    <message>
        <source>The landlord</source>
        <translation>El arrendador</translation>
    </message>
    <message>
        <source>The applicant</source>
        <translation>El solicitante</translation>
    </message>
    <message>
        <source>Employed</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Self-employed</source>
        <translation>Trabajador independiente</translation>
    </message>
    <message>
        <source>Unemployed</source>
        <translation>Desempleado</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Jubilado</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Housing voucher (Section 8, CityFHEPS, FHEPS, HASA…)</source>
        <translation>Vale de vivienda (Sección 8, CityFHEPS, FHEPS, HASA…)</translation>
    </message>
    <message>
        <source>Public benefits (SSI, SSDI, TANF…)</source>
        <translation>Beneficios públicos (SSI, SSDI, TANF…)</translation>
    </message>
    <message>
        <source>Social Security</source>
        <translation>Seguro Social</translation>
    </message>
    <message>
        <source>Pension</source>
        <translation>Pensión</translation>
    </message>
    <message>
        <source>Child support</source>
        <translation>Manutención de hijos</translation>
    </message>
    <message>
        <source>Alimony</source>
        <translation>Pensión alimenticia</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>Inversiones</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Corriente</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Ahorros</translation>
    </message>
    <message>
        <source>Brokerage</source>
        <translation>Corretaje</translation>
    </message>
</context>
<context>
    <name>CoApplicantsPage</name>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>&amp;Add co-applicant</source>
        <translation>&amp;Agregar co-solicitante</translation>
    </message>
    <message>
        <source>People who sign the lease with the primary applicant. Add none if there are none.</source>
        <translation>Personas que firman el contrato con el solicitante principal. No agregue ninguna si no las hay.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Primary applicant</source>
        <translation>Solicitante principal</translation>
    </message>
    <message>
        <source>The whole application (deleted on the other computer)</source>
        <translation>La solicitud completa (eliminada en la otra computadora)</translation>
    </message>
    <message>
        <source>The whole application (deleted here, changed on the other computer)</source>
        <translation>La solicitud completa (eliminada aquí, cambiada en la otra computadora)</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(eliminada)</translation>
    </message>
    <message>
        <source>Kept and changed here</source>
        <translation>Conservada y cambiada aquí</translation>
    </message>
    <message>
        <source>Kept and changed there</source>
        <translation>Conservada y cambiada allá</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(quitado)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>(present)</source>
        <translation>(presente)</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>(oculto)</translation>
    </message>
    <message>
        <source>Changed on two computers</source>
        <translation>Cambiada en dos computadoras</translation>
    </message>
    <message>
        <source>These fields were changed on this computer and on another one since the last sync. Choose which value to keep for each, or type the value to keep; nothing is sent until you press Apply.</source>
        <extracomment>Per row: the field for a typed value (None where one cannot be typed: a whole person, document or application).</extracomment>
        <translation>Estos campos se cambiaron en esta computadora y en otra desde la última sincronización. Elija qué valor conservar en cada uno, o escriba el valor que desea conservar; no se envía nada hasta que pulse Aplicar.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Esta computadora</translation>
    </message>
    <message>
        <source>Other computer</source>
        <translation>Otra computadora</translation>
    </message>
    <message>
        <source>Before (both had)</source>
        <translation>Antes (ambas tenían)</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>El mío</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>El de allá</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s {field_label}</source>
        <translation>Conservar {field_label} de esta computadora</translation>
    </message>
    <message>
        <source>Keep the other computer&apos;s {field_label}</source>
        <translation>Conservar {field_label} de la otra computadora</translation>
    </message>
    <message>
        <source>Typed:</source>
        <translation>Escrito:</translation>
    </message>
    <message>
        <source>Keep a typed {field_label}</source>
        <translation>Conservar {field_label} escrito</translation>
    </message>
    <message>
        <source>type the value to keep</source>
        <translation>escriba el valor que desea conservar</translation>
    </message>
    <message>
        <source>Typed {field_label}</source>
        <translation>{field_label} escrito</translation>
    </message>
    <message>
        <source>Keep all mine</source>
        <translation>Conservar todos los míos</translation>
    </message>
    <message>
        <source>Take all theirs</source>
        <translation>Tomar todos los de allá</translation>
    </message>
</context>
<context>
    <name>DailyBars</name>
    <message>
        <source>per day, oldest first; highest {peak:g}</source>
        <translation>por día, del más antiguo al más reciente; máximo {peak:g}</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>aún no hay datos</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Select an application to see its details.</source>
        <translation>Seleccione una solicitud para ver sus detalles.</translation>
    </message>
    <message>
        <source>Go to the field</source>
        <translation>Ir al campo</translation>
    </message>
    <message>
        <source>Needs you</source>
        <extracomment>The sections under the summary: shown only while an application is selected.</extracomment>
        <translation>Requiere su atención</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>{rent} a month</source>
        <translation>{rent} al mes</translation>
    </message>
    <message>
        <source>no rent yet</source>
        <translation>aún sin alquiler</translation>
    </message>
    <message>
        <source>{status}, step {step}, updated {when}</source>
        <translation>{status}, paso {step}, actualizada el {when}</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(aún sin nombre)</translation>
    </message>
    <message>
        <source>no building yet</source>
        <translation>aún sin edificio</translation>
    </message>
    <message>
        <source>No webhook deliveries.</source>
        <translation>No hay envíos de webhooks.</translation>
    </message>
    <message>
        <source>Nothing: all is well.</source>
        <translation>Nada: todo está en orden.</translation>
    </message>
    <message>
        <source>; last {when}</source>
        <translation>; último: {when}</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>%n entry on this computer</source>
        <translation>%n entrada en esta computadora</translation>
    </message>
    <message>
        <source>%n entries on this computer</source>
        <translation>%n entradas en esta computadora</translation>
    </message>
    <message>
        <source>%n person</source>
        <translation>%n persona</translation>
    </message>
    <message>
        <source>%n people</source>
        <translation>%n personas</translation>
    </message>
    <message>
        <source>%n document</source>
        <translation>%n documento</translation>
    </message>
    <message>
        <source>%n documents</source>
        <translation>%n documentos</translation>
    </message>
    <message>
        <source>%n signature</source>
        <translation>%n firma</translation>
    </message>
    <message>
        <source>%n signatures</source>
        <translation>%n firmas</translation>
    </message>
</context>
<context>
    <name>DiagnosticsWindow</name>
    <message>
        <source>Sync runs</source>
        <translation>Sincronizaciones</translation>
    </message>
    <message>
        <source>Push latency per application</source>
        <translation>Latencia de envío por solicitud</translation>
    </message>
    <message>
        <source>Items sent</source>
        <translation>Elementos enviados</translation>
    </message>
    <message>
        <source>Items received</source>
        <translation>Elementos recibidos</translation>
    </message>
    <message>
        <source>Bytes sent</source>
        <translation>Bytes enviados</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>Bytes recibidos</translation>
    </message>
    <message>
        <source>Sign-ins</source>
        <translation>Inicios de sesión</translation>
    </message>
    <message>
        <source>Credential refreshes</source>
        <translation>Renovaciones de credenciales</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Entregas de webhooks</translation>
    </message>
    <message>
        <source>kind</source>
        <extracomment>The words of the metrics&apos; labels and of their values (a cause is an error&apos;s class name, shown as it is: support searches the log for it).</extracomment>
        <translation>tipo</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>resultado</translation>
    </message>
    <message>
        <source>cause</source>
        <translation>causa</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflictos</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
    <message>
        <source>sign-in required</source>
        <translation>inicio de sesión necesario</translation>
    </message>
    <message>
        <source>new password asked</source>
        <translation>nueva contraseña pedida</translation>
    </message>
    <message>
        <source>changes only</source>
        <translation>solo cambios</translation>
    </message>
    <message>
        <source>full</source>
        <translation>completa</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>sincronización</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregada</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>reintentando</translation>
    </message>
    <message>
        <source>endpoint gone</source>
        <translation>destino retirado</translation>
    </message>
    <message>
        <source>{count} pushes · p50 ≤ {p50} s · p95 ≤ {p95} s</source>
        <translation>{count} envíos · p50 ≤ {p50} s · p95 ≤ {p95} s</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Reading this machine&apos;s metrics…</source>
        <translation>Leyendo las métricas de este equipo…</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Copiar el diagnóstico</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
    <message>
        <source>LeaseDesk {version} · last {days} days on this machine · {pending} waiting to sync · last synced {last}</source>
        <translation>LeaseDesk {version} · últimos {days} días en este equipo · {pending} por sincronizar · última sincronización: {last}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>

Nothing recorded yet: metrics appear after a sync or sign-in.</source>
        <translation>

Aún no hay nada registrado: las métricas aparecen tras una sincronización o un inicio de sesión.</translation>
    </message>
    <message>
        <source>The diagnostics could not be read</source>
        <translation>No se pudo leer el diagnóstico</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation>Diagnóstico copiado al portapapeles</translation>
    </message>
    <message>
        <source>The log folder is {folder}</source>
        <translation>La carpeta de registros es {folder}</translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation>&amp;Diagnóstico…</translation>
    </message>
    <message>
        <source>This machine&apos;s sync and sign-in metrics</source>
        <translation>Métricas de sincronización e inicio de sesión de este equipo</translation>
    </message>
    <message>
        <source>The app&apos;s log and crash files</source>
        <translation>Los archivos de registro y de fallos de la aplicación</translation>
    </message>
    <message>
        <source>Version, settings, status, last errors and metrics (no personal data)</source>
        <translation>Versión, ajustes, estado, últimos errores y métricas (sin datos personales)</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <source>Save a copy</source>
        <translation>Guardar una copia</translation>
    </message>
    <message>
        <source>No viewer for this document</source>
        <translation>No hay un visor para este documento</translation>
    </message>
    <message>
        <source>This computer has no program that opens {name}.</source>
        <translation>Esta computadora no tiene ningún programa que abra {name}.</translation>
    </message>
    <message>
        <source>Save a copy and open it with another program, or install a viewer for this kind of file.</source>
        <translation>Guarde una copia y ábrala con otro programa, o instale un visor para este tipo de archivo.</translation>
    </message>
    <message>
        <source>&amp;Save a Copy…</source>
        <translation>&amp;Guardar una copia…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <source>Cannot open the document</source>
        <translation>No se puede abrir el documento</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Government ID</source>
        <extracomment>English words, translated where shown (``self.tr(KIND_LABELS[kind])`` in this page).</extracomment>
        <translation>Identificación oficial</translation>
    </message>
    <message>
        <source>Pay stub</source>
        <translation>Talón de pago</translation>
    </message>
    <message>
        <source>Bank statement</source>
        <translation>Estado de cuenta bancario</translation>
    </message>
    <message>
        <source>Tax return</source>
        <translation>Declaración de impuestos</translation>
    </message>
    <message>
        <source>Employment letter</source>
        <translation>Carta de empleo</translation>
    </message>
    <message>
        <source>Voucher letter</source>
        <translation>Carta del vale</translation>
    </message>
    <message>
        <source>Benefits letter</source>
        <translation>Carta de beneficios</translation>
    </message>
    <message>
        <source>Credit report</source>
        <translation>Informe de crédito</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>Attach each person&apos;s documents: choose whose and what kind, then pick the file or drop it below. PDF, JPEG, PNG or HEIC, up to 25 MB each.</source>
        <extracomment>Document id → why its kept bytes fail the document checks.</extracomment>
        <translation>Adjunte los documentos de cada persona: elija de quién y de qué tipo, y luego elija el archivo o suéltelo abajo. PDF, JPEG, PNG o HEIC, de hasta 25 MB cada uno.</translation>
    </message>
    <message>
        <source>Whose document</source>
        <translation>De quién es el documento</translation>
    </message>
    <message>
        <source>Kind of document</source>
        <translation>Tipo de documento</translation>
    </message>
    <message>
        <source>W&amp;hose</source>
        <translation>De &amp;quién</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Tipo</translation>
    </message>
    <message>
        <source>Attach &amp;file…</source>
        <translation>Adjuntar &amp;archivo…</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>Adjuntar archivo</translation>
    </message>
    <message>
        <source>Why a file was refused</source>
        <translation>Por qué se rechazó un archivo</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>No documents yet.</source>
        <translation>Aún no hay documentos.</translation>
    </message>
    <message>
        <source>someone no longer on the application</source>
        <translation>alguien que ya no está en la solicitud</translation>
    </message>
    <message>
        <source>Flagged: {problem}</source>
        <translation>Marcado: {problem}</translation>
    </message>
    <message>
        <source>Problem with {file_name}</source>
        <translation>Problema con {file_name}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open {file_name}</source>
        <translation>Abrir {file_name}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove {file_name}</source>
        <translation>Quitar {file_name}</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>Adjuntar documentos</translation>
    </message>
    <message>
        <source>The file was not attached: {error}: {exc}</source>
        <translation>El archivo no se adjuntó: {error}: {exc}</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop files here</source>
        <translation>Suelte los archivos aquí</translation>
    </message>
    <message>
        <source>Drop PDF, JPEG, PNG or HEIC files here (up to 25 MB each)</source>
        <translation>Suelte aquí archivos PDF, JPEG, PNG o HEIC (de hasta 25 MB cada uno)</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>{plain} error</source>
        <translation>Error en {plain}</translation>
    </message>
</context>
<context>
    <name>GuarantorsPage</name>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>&amp;Add guarantor</source>
        <translation>&amp;Agregar garante</translation>
    </message>
    <message>
        <source>Guarantors sign to cover the rent if the tenants cannot. Add none if there are none.</source>
        <translation>Los garantes firman para cubrir el alquiler si los inquilinos no pueden. No agregue ninguno si no los hay.</translation>
    </message>
</context>
<context>
    <name>LanguageGroup</name>
    <message>
        <source>Language</source>
        <extracomment>The language now in use (&quot;en&quot;, &quot;es&quot;) after the agent picked one.</extracomment>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>Sistema ({language})</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Also the language of the core&apos;s messages, dates, amounts and phone numbers.</source>
        <translation>También el idioma de los mensajes de la aplicación y el formato de fechas, importes y teléfonos.</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Rental applications for NYC leasing agents, online or offline.</source>
        <extracomment>Private hook for ``benchmarks/startup.py``: print a line and quit at the window&apos;s first expose. Private hook for the bundle&apos;s smoke test (``packaging/pyinstaller/smoke-test``): once the store is open, create a draft, autosave this value as its first name, print ``autosaved`` and quit. The freedesktop id of the ``.desktop`` entry in ``resources/linux`` (Wayland matches it).</extracomment>
        <translation>Solicitudes de alquiler para agentes inmobiliarios de NYC, con o sin conexión.</translation>
    </message>
    <message>
        <source>The local data could not be opened.

{error}

Nothing was changed; a backup is kept next to the database before every upgrade.</source>
        <translation>No se pudieron abrir los datos locales.

{error}

No se cambió nada; antes de cada actualización se guarda una copia de seguridad junto a la base de datos.</translation>
    </message>
    <message>
        <source>LeaseDesk cannot start: the configuration has problems.</source>
        <extracomment>A temporary data dir made for ``--sandbox`` (removed at exit), else None. The sandbox&apos;s own keyring entries are in use (removed at exit).</extracomment>
        <translation>LeaseDesk no puede iniciarse: la configuración tiene problemas.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sync state</source>
        <extracomment>How long change notifications are gathered before the list reloads (autosave may emit one per keystroke in an open wizard; one reload per burst is enough). A wizard window was opened for this application id (tests and the screenshot script). An application was submitted in a wizard (sync starts at once). Called with an application id instead of opening it while its sync state is ``CONFLICT`` (set by the sync wiring).</extracomment>
        <translation>Estado de sincronización</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>Sincronización: sin configurar</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Opening your applications…</source>
        <translation>Abriendo sus solicitudes…</translation>
    </message>
    <message>
        <source>The applications could not be loaded.</source>
        <translation>No se pudieron cargar las solicitudes.</translation>
    </message>
    <message>
        <source>A submitted application is never deleted</source>
        <translation>Una solicitud enviada nunca se elimina</translation>
    </message>
    <message>
        <source>%n application</source>
        <translation>%n solicitud</translation>
    </message>
    <message>
        <source>%n applications</source>
        <translation>%n solicitudes</translation>
    </message>
    <message>
        <source>{shown} of %n application</source>
        <translation>{shown} de %n solicitud</translation>
    </message>
    <message>
        <source>{shown} of %n applications</source>
        <translation>{shown} de %n solicitudes</translation>
    </message>
    <message>
        <source>&amp;New application</source>
        <translation>&amp;Nueva solicitud</translation>
    </message>
    <message>
        <source>Start a new rental application</source>
        <translation>Iniciar una solicitud de alquiler nueva</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>Open the selected application</source>
        <translation>Abrir la solicitud seleccionada</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Eliminar borrador…</translation>
    </message>
    <message>
        <source>Delete the selected draft</source>
        <translation>Eliminar el borrador seleccionado</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Save every application to a JSON file</source>
        <translation>Guardar todas las solicitudes en un archivo JSON</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Exportar &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the selected application as a PDF</source>
        <translation>Guardar la solicitud seleccionada como PDF</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Aj&amp;ustes…</translation>
    </message>
    <message>
        <source>Building profiles and income multiples</source>
        <translation>Perfiles de edificios y múltiplos de ingresos</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Search the applications</source>
        <translation>Buscar en las solicitudes</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;About LeaseDesk</source>
        <translation>&amp;Acerca de LeaseDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Cuenta</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Select an application to export it as a PDF</source>
        <translation>Seleccione una solicitud para exportarla como PDF</translation>
    </message>
    <message>
        <source>Export applications</source>
        <translation>Exportar solicitudes</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation>La exportación falló</translation>
    </message>
    <message>
        <source>About LeaseDesk</source>
        <translation>Acerca de LeaseDesk</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Licence: proprietary (LicenseRef-Proprietary).</source>
        <translation>Licencia: propietaria (LicenseRef-Proprietary).</translation>
    </message>
    <message>
        <source>Read {link} (how the app works, sync, accounts).</source>
        <translation>Lea {link} (cómo funciona la aplicación, la sincronización, las cuentas).</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Eliminar borrador</translation>
    </message>
    <message>
        <source>A submitted application is never deleted. To change it, open it and choose Amend.</source>
        <translation>Una solicitud enviada nunca se elimina. Para cambiarla, ábrala y elija Enmendar.</translation>
    </message>
    <message>
        <source>this application</source>
        <translation>esta solicitud</translation>
    </message>
    <message>
        <source>Delete the draft for {who}?

This cannot be undone.</source>
        <translation>¿Eliminar el borrador de {who}?

Esto no se puede deshacer.</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>El borrador no se eliminó</translation>
    </message>
    <message>
        <source>Exported %n application to {file}</source>
        <translation>Se exportó %n solicitud a {file}</translation>
    </message>
    <message>
        <source>Exported %n applications to {file}</source>
        <translation>Se exportaron %n solicitudes a {file}</translation>
    </message>
    <message>
        <source>The new application could not be created</source>
        <translation>No se pudo crear la solicitud nueva</translation>
    </message>
</context>
<context>
    <name>OccupantsPage</name>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>e.g. daughter</source>
        <translation>p. ej. hija</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Everyone else who will live in the apartment and is not signing the lease. Leave it empty when nobody else will.</source>
        <translation>Todas las demás personas que vivirán en el apartamento y no firman el contrato. Déjelo vacío si nadie más vivirá allí.</translation>
    </message>
    <message>
        <source>Occupant</source>
        <translation>Ocupante</translation>
    </message>
    <message>
        <source>&amp;Add occupant</source>
        <translation>&amp;Agregar ocupante</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>At least {count} characters.</source>
        <translation>Al menos {count} caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>Escriba la frase de contraseña.</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <source>Saved 1 page to {name}</source>
        <translation>Se guardó 1 página en {name}</translation>
    </message>
    <message>
        <source>Saved {pages} pages to {name}</source>
        <translation>Se guardaron {pages} páginas en {name}</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>The PDF could not be saved.

{exc}</source>
        <translation>No se pudo guardar el PDF.

{exc}</translation>
    </message>
</context>
<context>
    <name>PdfExportDialog</name>
    <message>
        <source>The PDF will show full SSNs. Anyone who gets the file can read them: share it only with whoever must see them, and delete it when done.</source>
        <translation>El PDF mostrará los SSN completos. Cualquiera que reciba el archivo podrá leerlos: compártalo solo con quien deba verlos y elimínelo cuando termine.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>Archivo PDF</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Include full SSNs</source>
        <translation>Incluir los SSN completos</translation>
    </message>
    <message>
        <source>Save the application as a PDF (SSNs masked as ***-**-1234):</source>
        <translation>Guardar la solicitud como PDF (SSN ocultos como ***-**-1234):</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>Elija dónde guardar el PDF.</translation>
    </message>
    <message>
        <source>That folder does not exist.</source>
        <translation>Esa carpeta no existe.</translation>
    </message>
</context>
<context>
    <name>PdfLayout</name>
    <message>
        <source>Application {id}</source>
        <extracomment>Room above and below the body for the header and the page number, in inches.</extracomment>
        <translation>Solicitud {id}</translation>
    </message>
    <message>
        <source>Generated {stamp}</source>
        <translation>Generado el {stamp}</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Página {number} de {count}</translation>
    </message>
    <message>
        <source>Primary applicant</source>
        <extracomment>Entries listed in full; older ones are counted in the summary. The English words of values, translated where shown (the enum&apos;s value when not listed).</extracomment>
        <translation>Solicitante principal</translation>
    </message>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>landlord</source>
        <translation>el arrendador</translation>
    </message>
    <message>
        <source>tenant</source>
        <translation>el solicitante</translation>
    </message>
    <message>
        <source>employed</source>
        <translation>empleado</translation>
    </message>
    <message>
        <source>self-employed</source>
        <translation>trabajador independiente</translation>
    </message>
    <message>
        <source>unemployed</source>
        <translation>desempleado</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>jubilado</translation>
    </message>
    <message>
        <source>student</source>
        <translation>estudiante</translation>
    </message>
    <message>
        <source>housing voucher</source>
        <translation>vale de vivienda</translation>
    </message>
    <message>
        <source>public benefits</source>
        <translation>beneficios públicos</translation>
    </message>
    <message>
        <source>Social Security</source>
        <translation>Seguro Social</translation>
    </message>
    <message>
        <source>pension</source>
        <translation>pensión</translation>
    </message>
    <message>
        <source>child support</source>
        <translation>manutención de hijos</translation>
    </message>
    <message>
        <source>alimony</source>
        <translation>pensión alimenticia</translation>
    </message>
    <message>
        <source>investment</source>
        <translation>inversiones</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>government ID</source>
        <translation>identificación oficial</translation>
    </message>
    <message>
        <source>pay stub</source>
        <translation>talón de pago</translation>
    </message>
    <message>
        <source>bank statement</source>
        <translation>estado de cuenta bancario</translation>
    </message>
    <message>
        <source>tax return</source>
        <translation>declaración de impuestos</translation>
    </message>
    <message>
        <source>employment letter</source>
        <translation>carta de empleo</translation>
    </message>
    <message>
        <source>voucher letter</source>
        <translation>carta del vale</translation>
    </message>
    <message>
        <source>benefits letter</source>
        <translation>carta de beneficios</translation>
    </message>
    <message>
        <source>credit report</source>
        <translation>informe de crédito</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>corriente</translation>
    </message>
    <message>
        <source>savings</source>
        <translation>de ahorros</translation>
    </message>
    <message>
        <source>brokerage</source>
        <translation>de inversión</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 mes</translation>
    </message>
    <message>
        <source>{count} months</source>
        <translation>{count} meses</translation>
    </message>
    <message>
        <source>waived (report dated {date})</source>
        <translation>exento (informe del {date})</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Edificio</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>Alquiler mensual</translation>
    </message>
    <message>
        <source>Move-in date</source>
        <translation>Fecha de mudanza</translation>
    </message>
    <message>
        <source>Lease term</source>
        <translation>Duración del contrato</translation>
    </message>
    <message>
        <source>Application fee</source>
        <translation>Cargo por solicitud</translation>
    </message>
    <message>
        <source>Broker engaged by</source>
        <translation>Corredor contratado por</translation>
    </message>
    <message>
        <source>no broker</source>
        <translation>sin corredor</translation>
    </message>
    <message>
        <source>Broker fee</source>
        <translation>Comisión del corredor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Fecha de envío</translation>
    </message>
    <message>
        <source>Amends</source>
        <translation>Enmienda a</translation>
    </message>
    <message>
        <source>{source} {amount}/month</source>
        <translation>{source} {amount}/mes</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>SSN / ITIN</source>
        <translation>SSN / ITIN</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>Dirección actual</translation>
    </message>
    <message>
        <source>Years at address</source>
        <translation>Años en la dirección</translation>
    </message>
    <message>
        <source>Previous address</source>
        <translation>Dirección anterior</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Arrendador</translation>
    </message>
    <message>
        <source>Monthly housing payment</source>
        <translation>Pago mensual de vivienda</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>Empleo</translation>
    </message>
    <message>
        <source>Annual income</source>
        <translation>Ingreso anual</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>Otros ingresos</translation>
    </message>
    <message>
        <source>Bank accounts</source>
        <translation>Cuentas bancarias</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>This copy shows full SSNs at the agent&apos;s request. Keep it private.</source>
        <translation>Esta copia muestra los SSN completos a petición del agente. Manténgala en privado.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>Ocupantes</translation>
    </message>
    <message>
        <source>None listed.</source>
        <translation>Ninguno indicado.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Listed by</source>
        <translation>Indicado por</translation>
    </message>
    <message>
        <source>Applicant multiple</source>
        <translation>Múltiplo para solicitantes</translation>
    </message>
    <message>
        <source>Guarantor multiple</source>
        <translation>Múltiplo para garantes</translation>
    </message>
    <message>
        <source>Housing subsidy per month</source>
        <translation>Subsidio de vivienda por mes</translation>
    </message>
    <message>
        <source>Tenant share of the rent</source>
        <translation>Parte del alquiler a cargo del inquilino</translation>
    </message>
    <message>
        <source>Household income per year</source>
        <translation>Ingreso anual del hogar</translation>
    </message>
    <message>
        <source>Required per year</source>
        <translation>Requerido por año</translation>
    </message>
    <message>
        <source>Household qualifies</source>
        <translation>El hogar califica</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no (short by {amount})</source>
        <translation>no (faltan {amount})</translation>
    </message>
    <message>
        <source>Guarantor required per year</source>
        <translation>Requerido al garante por año</translation>
    </message>
    <message>
        <source>Qualifying guarantors</source>
        <translation>Garantes que califican</translation>
    </message>
    <message>
        <source>Income qualification</source>
        <translation>Calificación por ingresos</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} bytes</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>None attached.</source>
        <translation>Ninguno adjunto.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <source>Not signed.</source>
        <translation>Sin firmar.</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>Firmado el</translation>
    </message>
    <message>
        <source>Hash of what was signed</source>
        <translation>Hash de lo firmado</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Estado de sincronización</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizada</translation>
    </message>
    <message>
        <source>Remote version</source>
        <translation>Versión en el servidor</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>Hash del contenido</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source>Not on the server yet.</source>
        <translation>Aún no está en el servidor.</translation>
    </message>
    <message>
        <source>Sync receipt</source>
        <translation>Comprobante de sincronización</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Latest hash</source>
        <translation>Último hash</translation>
    </message>
    <message>
        <source>The earlier entry is counted above.</source>
        <translation>La entrada anterior se cuenta arriba.</translation>
    </message>
    <message>
        <source>The {count} earlier entries are counted above.</source>
        <translation>Las {count} entradas anteriores se cuentan arriba.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Rental application — {name}</source>
        <translation>Solicitud de alquiler — {name}</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>Street</source>
        <translation>Calle</translation>
    </message>
    <message>
        <source>Apt / unit</source>
        <translation>Apto. / unidad</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>ZIP</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>e.g. CityFHEPS voucher</source>
        <translation>p. ej. vale CityFHEPS</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Importe mensual</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Institución</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Tipo de cuenta</translation>
    </message>
    <message>
        <source>Approximate balance</source>
        <translation>Saldo aproximado</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Segundo nombre</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <source>&amp;Date of birth</source>
        <translation>&amp;Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Relationship to applicant</source>
        <translation>Parentesco con el solicitante</translation>
    </message>
    <message>
        <source>e.g. spouse, parent</source>
        <translation>p. ej. cónyuge, padre o madre</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Correo electrónico</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nombre@example.com</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>Dirección actual</translation>
    </message>
    <message>
        <source>Years at address</source>
        <translation>Años en la dirección</translation>
    </message>
    <message>
        <source>e.g. 2.5</source>
        <translation>p. ej. 2.5</translation>
    </message>
    <message>
        <source>Landlord name</source>
        <translation>Nombre del arrendador</translation>
    </message>
    <message>
        <source>Landlord phone</source>
        <translation>Teléfono del arrendador</translation>
    </message>
    <message>
        <source>Monthly housing payment</source>
        <translation>Pago mensual de vivienda</translation>
    </message>
    <message>
        <source>Previous address (optional)</source>
        <translation>Dirección anterior (opcional)</translation>
    </message>
    <message>
        <source>Employment and income</source>
        <translation>Empleo e ingresos</translation>
    </message>
    <message>
        <source>Employment status</source>
        <translation>Situación laboral</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Empleador</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>Employer phone</source>
        <translation>Teléfono del empleador</translation>
    </message>
    <message>
        <source>Annual income</source>
        <translation>Ingreso anual</translation>
    </message>
    <message>
        <source>Wages per year, before tax</source>
        <translation>Salario anual, antes de impuestos</translation>
    </message>
    <message>
        <source>Other income — vouchers and benefits count like wages</source>
        <translation>Otros ingresos: los vales y beneficios cuentan como salario</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>Otros ingresos</translation>
    </message>
    <message>
        <source>Add other income (voucher, benefits…)</source>
        <translation>Agregar otros ingresos (vale, beneficios…)</translation>
    </message>
    <message>
        <source>Bank accounts</source>
        <translation>Cuentas bancarias</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Cuenta bancaria</translation>
    </message>
    <message>
        <source>Add bank account</source>
        <translation>Agregar cuenta bancaria</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source> × monthly rent</source>
        <translation> × alquiler mensual</translation>
    </message>
    <message>
        <source>Edit building profile</source>
        <translation>Editar el perfil del edificio</translation>
    </message>
    <message>
        <source>Add building profile</source>
        <translation>Agregar un perfil de edificio</translation>
    </message>
    <message>
        <source>Building address</source>
        <translation>Dirección del edificio</translation>
    </message>
    <message>
        <source>e.g. 100 Example Street, Brooklyn, NY 11201</source>
        <translation>p. ej. 100 Example Street, Brooklyn, NY 11201</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problema con la dirección</translation>
    </message>
    <message>
        <source>Building name</source>
        <translation>Nombre del edificio</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Applicant income multiple</source>
        <translation>Múltiplo de ingresos del solicitante</translation>
    </message>
    <message>
        <source>Guarantor income multiple</source>
        <translation>Múltiplo de ingresos del garante</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>A&amp;pplicant income:</source>
        <translation>Ingresos del &amp;solicitante:</translation>
    </message>
    <message>
        <source>&amp;Guarantor income:</source>
        <translation>Ingresos del &amp;garante:</translation>
    </message>
    <message>
        <source>Enter the building&apos;s address.</source>
        <translation>Escriba la dirección del edificio.</translation>
    </message>
    <message>
        <source>A profile for this address already exists; edit that one instead.</source>
        <translation>Ya existe un perfil para esta dirección; edite ese.</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>Not on the server yet</source>
        <translation>Aún no está en el servidor</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizada</translation>
    </message>
    <message>
        <source>Changed on two computers</source>
        <translation>Cambiada en dos computadoras</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Sync receipt</source>
        <translation>Comprobante de sincronización</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>Hash del contenido</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source> — version {version}, last synced {when}</source>
        <translation> — versión {version}, última sincronización: {when}</translation>
    </message>
</context>
<context>
    <name>RecordsSection</name>
    <message>
        <source>&lt;b&gt;Sync receipt&lt;/b&gt;</source>
        <translation>&lt;b&gt;Comprobante de sincronización&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audit trail&lt;/b&gt;</source>
        <translation>&lt;b&gt;Registro de auditoría&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>RecoveryGroup</name>
    <message>
        <source>&lt;b&gt;Make a recovery file.&lt;/b&gt; If the system keyring ever loses the key of these drafts (a keyring reset, a new computer account), a recovery file is the way to open them again: Settings › Make a recovery file…</source>
        <translation>&lt;b&gt;Cree un archivo de recuperación.&lt;/b&gt; Si el llavero del sistema pierde alguna vez la clave de estos borradores (un llavero restablecido, una cuenta nueva en la computadora), un archivo de recuperación es la forma de volver a abrirlos: Ajustes › Crear un archivo de recuperación…</translation>
    </message>
    <message>
        <source>Recovery file</source>
        <extracomment>(succeeded, message) once a make or restore finished — tests wait on it.</extracomment>
        <translation>Archivo de recuperación</translation>
    </message>
    <message>
        <source>A recovery file holds this profile&apos;s data key, sealed under a passphrase. If the system keyring loses the key, it is the way to open these drafts again. Keep the file and the passphrase apart, away from this computer.</source>
        <translation>Un archivo de recuperación guarda la clave de datos de este perfil, sellada con una frase de contraseña. Si el llavero del sistema pierde la clave, es la forma de volver a abrir estos borradores. Guarde el archivo y la frase de contraseña por separado, fuera de esta computadora.</translation>
    </message>
    <message>
        <source>&amp;Make a recovery file…</source>
        <translation>&amp;Crear un archivo de recuperación…</translation>
    </message>
    <message>
        <source>Restore from a recovery &amp;file…</source>
        <translation>Restaurar desde un &amp;archivo de recuperación…</translation>
    </message>
    <message>
        <source>Recovery file result</source>
        <translation>Resultado del archivo de recuperación</translation>
    </message>
    <message>
        <source>Make a recovery file</source>
        <translation>Crear un archivo de recuperación</translation>
    </message>
    <message>
        <source>Recovery files (*.json);;All files (*)</source>
        <translation>Archivos de recuperación (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Restore from a recovery file</source>
        <translation>Restaurar desde un archivo de recuperación</translation>
    </message>
    <message>
        <source>Recovery file passphrase</source>
        <translation>Frase de contraseña del archivo de recuperación</translation>
    </message>
    <message>
        <source>Wrote the recovery file for key {key} to {path}.</source>
        <translation>Se escribió el archivo de recuperación de la clave {key} en {path}.</translation>
    </message>
    <message>
        <source>Restored data key {key} to the system keyring.</source>
        <translation>Se restauró la clave de datos {key} en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Procesando…</translation>
    </message>
    <message>
        <source>The recovery file could not be used ({error}).</source>
        <translation>No se pudo usar el archivo de recuperación ({error}).</translation>
    </message>
</context>
<context>
    <name>RepeatableRows</name>
    <message>
        <source>{noun} {number}</source>
        <extracomment>Builds one row&apos;s fields into ``form`` (its prefix is ``&lt;list path&gt;[i]``).</extracomment>
        <translation>{noun} {number}</translation>
    </message>
    <message>
        <source>Add {noun}</source>
        <translation>Agregar {noun}</translation>
    </message>
    <message>
        <source>Remove {lower}</source>
        <translation>Quitar {lower}</translation>
    </message>
</context>
<context>
    <name>ReplayNotice</name>
    <message>
        <source>This application was updated from your other computer; the latest version is shown</source>
        <translation>Esta solicitud se actualizó desde su otra computadora; se muestra la versión más reciente</translation>
    </message>
    <message>
        <source>. It was submitted there and is read-only now</source>
        <translation>. Allí se envió y ahora es de solo lectura</translation>
    </message>
    <message>
        <source>; not kept: {labels}.</source>
        <translation>; no se conservó: {labels}.</translation>
    </message>
    <message>
        <source> with your edits applied to it.</source>
        <translation> con sus cambios aplicados.</translation>
    </message>
    <message>
        <source>. Not kept, because what they changed is no longer in it: {labels}.</source>
        <translation>. No se conservó, porque lo que cambiaban ya no está: {labels}.</translation>
    </message>
    <message>
        <source> Your other edits were applied to it.</source>
        <translation> Sus demás cambios se aplicaron.</translation>
    </message>
    <message>
        <source> Cleared, because what was typed could not be read: {labels}.</source>
        <translation> Se borró, porque no se pudo leer lo escrito: {labels}.</translation>
    </message>
    <message>
        <source> Kept, but signed before the changes from the other computer, so to be signed again: {labels}.</source>
        <translation> Se conservó, pero se firmó antes de los cambios de la otra computadora, así que debe firmarse de nuevo: {labels}.</translation>
    </message>
    <message>
        <source>This application was deleted on your other computer; it is shown as it was and nothing typed here is saved</source>
        <translation>Esta solicitud se eliminó en su otra computadora; se muestra como estaba y nada de lo que escriba aquí se guarda</translation>
    </message>
    <message>
        <source>. Not kept: {labels}.</source>
        <translation>. No se conservó: {labels}.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>SSN / ITIN</source>
        <translation>SSN / ITIN</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>Dirección actual</translation>
    </message>
    <message>
        <source>Previous address</source>
        <translation>Dirección anterior</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Arrendador</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>Empleo</translation>
    </message>
    <message>
        <source>Annual income</source>
        <translation>Ingreso anual</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>Otros ingresos</translation>
    </message>
    <message>
        <source>{amount} a month {description}</source>
        <translation>{amount} al mes {description}</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Cuenta bancaria</translation>
    </message>
    <message>
        <source>Employed</source>
        <extracomment>The employment statuses&apos; words as the person form shows them (translated where shown).</extracomment>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Self-employed</source>
        <translation>Trabajador independiente</translation>
    </message>
    <message>
        <source>Unemployed</source>
        <translation>Desempleado</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Jubilado</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Housing voucher (Section 8, CityFHEPS, FHEPS, HASA…)</source>
        <extracomment>The words the review shows from the wizard&apos;s choice lists (income sources, account types, broker choices, document kinds), marked here so the review translates them in its context.</extracomment>
        <translation>Vale de vivienda (Sección 8, CityFHEPS, FHEPS, HASA…)</translation>
    </message>
    <message>
        <source>Public benefits (SSI, SSDI, TANF…)</source>
        <translation>Beneficios públicos (SSI, SSDI, TANF…)</translation>
    </message>
    <message>
        <source>Social Security</source>
        <translation>Seguro Social</translation>
    </message>
    <message>
        <source>Pension</source>
        <translation>Pensión</translation>
    </message>
    <message>
        <source>Child support</source>
        <translation>Manutención de hijos</translation>
    </message>
    <message>
        <source>Alimony</source>
        <translation>Pensión alimenticia</translation>
    </message>
    <message>
        <source>Investment</source>
        <translation>Inversiones</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Corriente</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>Ahorros</translation>
    </message>
    <message>
        <source>Brokerage</source>
        <translation>Corretaje</translation>
    </message>
    <message>
        <source>No broker / not stated</source>
        <translation>Sin corredor / no indicado</translation>
    </message>
    <message>
        <source>The landlord</source>
        <translation>El arrendador</translation>
    </message>
    <message>
        <source>The applicant</source>
        <translation>El solicitante</translation>
    </message>
    <message>
        <source>Government ID</source>
        <translation>Identificación oficial</translation>
    </message>
    <message>
        <source>Pay stub</source>
        <translation>Talón de pago</translation>
    </message>
    <message>
        <source>Bank statement</source>
        <translation>Estado de cuenta bancario</translation>
    </message>
    <message>
        <source>Tax return</source>
        <translation>Declaración de impuestos</translation>
    </message>
    <message>
        <source>Employment letter</source>
        <translation>Carta de empleo</translation>
    </message>
    <message>
        <source>Voucher letter</source>
        <translation>Carta del vale</translation>
    </message>
    <message>
        <source>Benefits letter</source>
        <translation>Carta de beneficios</translation>
    </message>
    <message>
        <source>Credit report</source>
        <translation>Informe de crédito</translation>
    </message>
    <message>
        <source>Co-applicant {number}</source>
        <translation>Co-solicitante {number}</translation>
    </message>
    <message>
        <source>Guarantor {number}</source>
        <translation>Garante {number}</translation>
    </message>
    <message>
        <source>Occupant {number}</source>
        <translation>Ocupante {number}</translation>
    </message>
    <message>
        <source>Document {number}</source>
        <translation>Documento {number}</translation>
    </message>
    <message>
        <source>1 month</source>
        <extracomment>The agent asked to edit a section: the window jumps to that step.</extracomment>
        <translation>1 mes</translation>
    </message>
    <message>
        <source>{count} months</source>
        <translation>{count} meses</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Edificio</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Monthly rent</source>
        <translation>Alquiler mensual</translation>
    </message>
    <message>
        <source>Move-in date</source>
        <translation>Fecha de mudanza</translation>
    </message>
    <message>
        <source>Lease term</source>
        <translation>Duración del contrato</translation>
    </message>
    <message>
        <source>Application fee</source>
        <translation>Cargo por solicitud</translation>
    </message>
    <message>
        <source>Fee waived</source>
        <translation>Cargo exento</translation>
    </message>
    <message>
        <source>yes, report dated {date}</source>
        <translation>sí, informe del {date}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Broker engaged by</source>
        <translation>Corredor contratado por</translation>
    </message>
    <message>
        <source>Broker fee to the applicant</source>
        <translation>Comisión del corredor a cargo del solicitante</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Referido por</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Nobody else</source>
        <translation>Nadie más</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>No documents</source>
        <translation>Sin documentos</translation>
    </message>
    <message>
        <source>Open {file_name}</source>
        <translation>Abrir {file_name}</translation>
    </message>
    <message>
        <source>signed {when}</source>
        <translation>firmado el {when}</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>sin firmar</translation>
    </message>
    <message>
        <source>Other data ({count})</source>
        <translation>Otros datos ({count})</translation>
    </message>
    <message>
        <source>Other data</source>
        <translation>Otros datos</translation>
    </message>
    <message>
        <source>Kept for the brokerage&apos;s other systems; LeaseDesk never changes it</source>
        <translation>Se conservan para los demás sistemas de la correduría; LeaseDesk nunca los cambia</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit {title}</source>
        <translation>Editar {title}</translation>
    </message>
    <message>
        <source>Rent {rent} a month, less housing subsidy {subsidy}: tenant share {share} a month.</source>
        <translation>Alquiler de {rent} al mes, menos el subsidio de vivienda de {subsidy}: parte del inquilino {share} al mes.</translation>
    </message>
    <message>
        <source>The building asks for {multiple}× the tenant share: {required} a year.</source>
        <translation>El edificio pide {multiple}× la parte del inquilino: {required} al año.</translation>
    </message>
    <message>
        <source>Household income (applicants, all sources incl. benefits; the subsidy lowers the rent instead): {income} a year.</source>
        <translation>Ingreso del hogar (solicitantes, todas las fuentes, incluidos los beneficios; el subsidio reduce el alquiler): {income} al año.</translation>
    </message>
    <message>
        <source>Enter the rent to check the income.</source>
        <translation>Escriba el alquiler para comprobar los ingresos.</translation>
    </message>
    <message>
        <source>The subsidy covers the whole rent: the household qualifies.</source>
        <translation>El subsidio cubre todo el alquiler: el hogar califica.</translation>
    </message>
    <message>
        <source>The household qualifies.</source>
        <translation>El hogar califica.</translation>
    </message>
    <message>
        <source>Shortfall: {amount} a year.</source>
        <translation>Faltan {amount} al año.</translation>
    </message>
    <message>
        <source>A guarantor covers it ({multiple}× the tenant share: {required} a year).</source>
        <translation>Un garante lo cubre ({multiple}× la parte del inquilino: {required} al año).</translation>
    </message>
    <message>
        <source>No guarantor earns {multiple}× the tenant share ({required} a year).</source>
        <translation>Ningún garante gana {multiple}× la parte del inquilino ({required} al año).</translation>
    </message>
    <message>
        <source>Income qualification</source>
        <translation>Calificación por ingresos</translation>
    </message>
    <message>
        <source>Still missing</source>
        <translation>Aún falta</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista de verificación</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>Enviada.</translation>
    </message>
    <message>
        <source>Nothing is missing: the application can be submitted.</source>
        <translation>No falta nada: la solicitud se puede enviar.</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… y {count} más</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Lo que falta</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>The profile list was (re)loaded from the store — tests wait on it. An import finished: the number imported (0 when it was refused).</extracomment>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Building profiles</source>
        <translation>Perfiles de edificios</translation>
    </message>
    <message>
        <source>Income multiples per building, used by the review step&apos;s qualification check (by convention 40× the monthly rent for applicants, 80× for guarantors).</source>
        <translation>Múltiplos de ingresos por edificio, usados en la calificación del paso de revisión (por convención, 40× el alquiler mensual para los solicitantes y 80× para los garantes).</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Agregar…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Import JSON…</source>
        <translation>&amp;Importar JSON…</translation>
    </message>
    <message>
        <source>Import result</source>
        <translation>Resultado de la importación</translation>
    </message>
    <message>
        <source>Remove building profile</source>
        <translation>Quitar el perfil del edificio</translation>
    </message>
    <message>
        <source>Remove the profile for {address}?

The qualification check falls back to 40× and 80× for this building.</source>
        <translation>¿Quitar el perfil de {address}?

La calificación vuelve a usar 40× y 80× para este edificio.</translation>
    </message>
    <message>
        <source>The building profiles could not be saved or loaded: {exc}</source>
        <translation>No se pudieron guardar ni cargar los perfiles de edificios: {exc}</translation>
    </message>
    <message>
        <source>Import building profiles</source>
        <translation>Importar perfiles de edificios</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Archivos JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix these entries and import again:
• </source>
        <translation>No se importó nada. Corrija estas entradas e importe de nuevo:
• </translation>
    </message>
    <message>
        <source>Imported 1 building profile.</source>
        <translation>Se importó 1 perfil de edificio.</translation>
    </message>
    <message>
        <source>Imported {count} building profiles.</source>
        <translation>Se importaron {count} perfiles de edificios.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to sync</source>
        <extracomment>user name, password — the agent pressed Sign in. new password — the agent chose one after NEW_PASSWORD_REQUIRED.</extracomment>
        <translation>Iniciar sesión para sincronizar</translation>
    </message>
    <message>
        <source>Sign in to sync your applications. LeaseDesk works offline without it.</source>
        <translation>Inicie sesión para sincronizar sus solicitudes. Sin ella, LeaseDesk funciona sin conexión.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Contraseña &amp;nueva:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>&amp;Establecer contraseña</translation>
    </message>
    <message>
        <source>This is the first sign-in with a temporary password. Choose your own password.</source>
        <translation>Este es el primer inicio de sesión con una contraseña temporal. Elija su propia contraseña.</translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Escriba una contraseña nueva.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Escriba su nombre de usuario y su contraseña.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign with the mouse, a pen or a finger</source>
        <extracomment>A stroke was finished (pen lifted): the signature changed. Strokes were undone, redone or cleared. A signature stored earlier (shown under any new strokes until cleared).</extracomment>
        <translation>Firme con el ratón, un lápiz o el dedo</translation>
    </message>
</context>
<context>
    <name>SignaturesPage</name>
    <message>
        <source>Each person reads the consent below and signs in their box with the mouse, a pen or a finger. Signing again after a change replaces the earlier signature.</source>
        <translation>Cada persona lee el consentimiento de abajo y firma en su recuadro con el ratón, un lápiz o el dedo. Firmar de nuevo después de un cambio reemplaza la firma anterior.</translation>
    </message>
    <message>
        <source>Language of the consent</source>
        <translation>Idioma del consentimiento</translation>
    </message>
    <message>
        <source>Consent text</source>
        <translation>Texto del consentimiento</translation>
    </message>
    <message>
        <source>Consent error</source>
        <translation>Error del consentimiento</translation>
    </message>
    <message>
        <source>The consent text cannot be shown, so nobody can sign yet: {error}</source>
        <translation>No se puede mostrar el texto del consentimiento, así que nadie puede firmar todavía: {error}</translation>
    </message>
    <message>
        <source>Consent text, version {version}</source>
        <translation>Texto del consentimiento, versión {version}</translation>
    </message>
</context>
<context>
    <name>SignerBox</name>
    <message>
        <source>Applicant</source>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>Signature of {who}</source>
        <extracomment>Who signs here, for messages: role and position, never the name.</extracomment>
        <translation>Firma de {who}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Undo last stroke of {who}</source>
        <translation>Deshacer el último trazo de {who}</translation>
    </message>
    <message>
        <source>Redo stroke of {who}</source>
        <translation>Rehacer el trazo de {who}</translation>
    </message>
    <message>
        <source>Clear signature of {who}</source>
        <translation>Borrar la firma de {who}</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>esta persona</translation>
    </message>
    <message>
        <source> (consent version {version}, {language})</source>
        <translation> (consentimiento versión {version}, {language})</translation>
    </message>
    <message>
        <source>Signed by {signer_name} on {when}{under}</source>
        <translation>Firmado por {signer_name} el {when}{under}</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>Aún sin firmar</translation>
    </message>
</context>
<context>
    <name>SsnField</name>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show SSN</source>
        <translation>Mostrar el SSN</translation>
    </message>
    <message>
        <source>SSN or &amp;ITIN</source>
        <translation>SSN o &amp;ITIN</translation>
    </message>
    <message>
        <source>Optional. Hidden unless you press Show.</source>
        <translation>Opcional. Oculto a menos que pulse Mostrar.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Hide SSN</source>
        <translation>Ocultar el SSN</translation>
    </message>
</context>
<context>
    <name>SyncStatusController</name>
    <message>
        <source>Syncing {done}/{total}…</source>
        <translation>Sincronizando {done}/{total}…</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>sign in to sync</source>
        <translation>inicie sesión para sincronizar</translation>
    </message>
    <message>
        <source>{n} pending</source>
        <translation>{n} pendientes</translation>
    </message>
    <message>
        <source>last synced {when}</source>
        <translation>última sincronización: {when}</translation>
    </message>
    <message>
        <source>Sync now</source>
        <extracomment>After every sync: the report. Applications with conflicts waiting for the agent (ids), after a sync found some.</extracomment>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Push and pull every application now</source>
        <translation>Enviar y recibir todas las solicitudes ahora</translation>
    </message>
    <message>
        <source>Retry what needs attention</source>
        <translation>Reintentar lo que requiere atención</translation>
    </message>
    <message>
        <source>Send the applications that need attention again (after fixing a setting, say)</source>
        <translation>Volver a enviar las solicitudes que requieren atención (por ejemplo, tras corregir un ajuste)</translation>
    </message>
    <message>
        <source>Sync failed ({error}) · will retry</source>
        <extracomment>Needs-attention entries the last sync retried (said in the status bar).</extracomment>
        <translation>La sincronización falló ({error}) · se reintentará</translation>
    </message>
    <message>
        <source>retried {n} that needed attention</source>
        <translation>se reintentaron {n} que requerían atención</translation>
    </message>
    <message>
        <source>%n conflict</source>
        <translation>%n conflicto</translation>
    </message>
    <message>
        <source>%n conflicts</source>
        <translation>%n conflictos</translation>
    </message>
    <message>
        <source>%n needs attention</source>
        <translation>%n necesita atención</translation>
    </message>
    <message>
        <source>%n need attention</source>
        <translation>%n necesitan atención</translation>
    </message>
</context>
<context>
    <name>SyncWiring</name>
    <message>
        <source>Conflict</source>
        <extracomment>&quot;Deleted here, changed there&quot; conflicts already put to the agent this session.</extracomment>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>The conflict could not be resolved.

{exc}</source>
        <translation>No se pudo resolver el conflicto.

{exc}</translation>
    </message>
    <message>
        <source>1 application has changed here and elsewhere: the sync column says Conflict</source>
        <translation>1 solicitud cambió aquí y en otro lugar: la columna de sincronización dice Conflicto</translation>
    </message>
    <message>
        <source>{count} applications have changed here and elsewhere: the sync column says Conflict</source>
        <translation>{count} solicitudes cambiaron aquí y en otro lugar: la columna de sincronización dice Conflicto</translation>
    </message>
</context>
<context>
    <name>WebhookSection</name>
    <message>
        <source>Applicant</source>
        <extracomment>The roles the summaries name (services/webhooks/review.py), translated where shown.</extracomment>
        <translation>Solicitante</translation>
    </message>
    <message>
        <source>Co-applicant</source>
        <translation>Co-solicitante</translation>
    </message>
    <message>
        <source>Guarantor</source>
        <translation>Garante</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decidido</translation>
    </message>
    <message>
        <source>Brokerage systems</source>
        <extracomment>The section was filled from the store (tests wait on it).</extracomment>
        <translation>Sistemas de la correduría</translation>
    </message>
    <message>
        <source>The deliveries could not be read ({error}).</source>
        <translation>No se pudieron leer los envíos ({error}).</translation>
    </message>
    <message>
        <source>Not sent yet: a submitted application is sent after it syncs.</source>
        <translation>Aún no enviada: una solicitud enviada se transmite después de sincronizarse.</translation>
    </message>
    <message>
        <source>Sent to the brokerage&apos;s systems once submitted and synced.</source>
        <translation>Se transmite a los sistemas de la correduría una vez enviada y sincronizada.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Resend {id}</source>
        <translation>Reenviar {id}</translation>
    </message>
    <message>
        <source>Screening summaries</source>
        <translation>Resúmenes de evaluación</translation>
    </message>
</context>
<context>
    <name>WebhookSettingsGroup</name>
    <message>
        <source>References only — the receiver reads the tables (no PII)</source>
        <translation>Solo referencias: el receptor lee las tablas (sin datos personales)</translation>
    </message>
    <message>
        <source>Full application as exported — carries PII</source>
        <translation>La solicitud completa tal como se exporta: contiene datos personales</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <extracomment>The stored settings were read (tests wait on it). A save or a test finished: the message shown.</extracomment>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>A submitted application is announced to the brokerage&apos;s systems (screening, CRM, back office) once it has synced; their answers come back into the review.</source>
        <translation>Una solicitud enviada se anuncia a los sistemas de la correduría (evaluación, CRM, administración) una vez sincronizada; sus respuestas vuelven a la revisión.</translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL del webhook</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Webhook secret</source>
        <translation>Secreto del webhook</translation>
    </message>
    <message>
        <source>whsec_… (kept in the system keyring, never shown)</source>
        <translation>whsec_… (se guarda en el llavero del sistema; nunca se muestra)</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Save webhook settings</source>
        <translation>Guardar los ajustes del webhook</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Enviar un evento de prueba</translation>
    </message>
    <message>
        <source>Webhook result</source>
        <translation>Resultado del webhook</translation>
    </message>
    <message>
        <source>Deliveries to this URL are stopped: {gone}. Resend one to retry.</source>
        <translation>Los envíos a esta URL están detenidos: {gone}. Reenvíe uno para reintentar.</translation>
    </message>
    <message>
        <source>Sign in to keep a secret for this account.</source>
        <translation>Inicie sesión para guardar un secreto para esta cuenta.</translation>
    </message>
    <message>
        <source>A secret is set.</source>
        <translation>Hay un secreto configurado.</translation>
    </message>
    <message>
        <source>No secret set yet.</source>
        <translation>Aún no hay un secreto configurado.</translation>
    </message>
    <message>
        <source>Webhook settings saved.</source>
        <translation>Ajustes del webhook guardados.</translation>
    </message>
    <message>
        <source>Webhook settings saved; the secret is in the system keyring.</source>
        <translation>Ajustes del webhook guardados; el secreto está en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Sending a test event…</source>
        <translation>Enviando un evento de prueba…</translation>
    </message>
    <message>
        <source>The test event was not sent: {error}</source>
        <translation>No se envió el evento de prueba: {error}</translation>
    </message>
    <message>
        <source>Test event delivered (HTTP {status}, {ms} ms).</source>
        <translation>Evento de prueba entregado (HTTP {status}, {ms} ms).</translation>
    </message>
    <message>
        <source>Test event not accepted: {reason}.</source>
        <translation>El evento de prueba no fue aceptado: {reason}.</translation>
    </message>
</context>
<context>
    <name>WizardChrome</name>
    <message>
        <source>New application</source>
        <extracomment>QSettings key of the wizard window&apos;s geometry (one for every wizard window).</extracomment>
        <translation>Solicitud nueva</translation>
    </message>
    <message>
        <source>{where} — LeaseDesk</source>
        <translation>{where} — LeaseDesk</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>Paso {number} de {total}</translation>
    </message>
    <message>
        <source>Not yet reachable: {why}</source>
        <extracomment>Words for the tooltip and screen readers (&quot;Done&quot;, &quot;Incomplete: Unit is required&quot;).</extracomment>
        <translation>Aún no disponible: {why}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Incomplete: {first}</source>
        <translation>Incompleto: {first}</translation>
    </message>
    <message>
        <source>Not visited yet</source>
        <translation>Aún no visitado</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>Page</source>
        <extracomment>After the agent tried to move on with errors, every error shows (not only touched). Errors of this step that belong to no single field (e.g. &quot;Co-applicant 1 has not signed&quot;).</extracomment>
        <translation>Página</translation>
    </message>
</context>
<context>
    <name>WizardSession</name>
    <message>
        <source>Enter an amount in dollars, like 2500.00</source>
        <translation>Escriba un importe en dólares, como 2500.00</translation>
    </message>
    <message>
        <source>Use a date like 03/15/1990 (month/day/year)</source>
        <translation>Use una fecha como 03/15/1990 (mes/día/año)</translation>
    </message>
    <message>
        <source>Enter a whole number</source>
        <translation>Escriba un número entero</translation>
    </message>
    <message>
        <source>this application was just updated from your other computer; check the latest version, then submit again</source>
        <translation>esta solicitud acaba de actualizarse desde su otra computadora; revise la versión más reciente y envíela de nuevo</translation>
    </message>
    <message>
        <source>Could not open the application: {error}</source>
        <extracomment>The application and building profiles arrived from the worker. The GUI copy changed (an edit, a row, a step): pages and buttons re-check their errors. A list changed shape: the current page rebuilds its rows from the model. Submitting was refused, or another background call failed: a message for the agent. The copy shown is about to be replaced by a newer one (the window notes where the agent&apos;s cursor is, to put it back on the same field of the new copy). Something the agent should know that is not an error (the copy was replaced by a newer one from the other computer, and what became of their edits). The application was deleted on the other computer (shown read-only, saves nothing). Labels of the fields whose typed text could not be read (never saved).</extracomment>
        <translation>No se pudo abrir la solicitud: {error}</translation>
    </message>
    <message>
        <source>Fix the highlighted fields to continue</source>
        <translation>Corrija los campos resaltados para continuar</translation>
    </message>
    <message>
        <source>Not submitted: {reason}</source>
        <translation>No se envió: {reason}</translation>
    </message>
</context>
<context>
    <name>WizardWindow</name>
    <message>
        <source>Read-only</source>
        <extracomment>The id of the new draft an Amend created (the window now shows it). A field to put the cursor in once the application is loaded (needs attention).</extracomment>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Complete the missing items above to submit</source>
        <translation>Complete lo que falta arriba para enviar</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (y {count} más)</translation>
    </message>
    <message>
        <source>New application</source>
        <translation>Solicitud nueva</translation>
    </message>
    <message>
        <source>Deleted on your other computer. Nothing typed here is saved.</source>
        <translation>Eliminada en su otra computadora. Nada de lo que escriba aquí se guarda.</translation>
    </message>
    <message>
        <source>Submitted {stamp}. This application is read-only; Amend makes a new draft from it and keeps this one as submitted.</source>
        <translation>Enviada el {stamp} · Esta solicitud es de solo lectura; Enmendar crea un borrador nuevo a partir de ella y conserva esta como enviada.</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>No guardado: {message}</translation>
    </message>
    <message>
        <source>Could not amend: {error}</source>
        <translation>No se pudo enmendar: {error}</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Application</source>
        <extracomment>The application&apos;s building and unit (&quot;New application&quot; until typed).</extracomment>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>&amp;Amend</source>
        <translation>&amp;Enmendar</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Enmendar</translation>
    </message>
    <message>
        <source>Notice</source>
        <extracomment>What the agent should know about the copy shown (it was replaced by a newer one from the other computer, and which edits were or were not applied to it).</extracomment>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Opening the application…</source>
        <translation>Abriendo la solicitud…</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Why Next is disabled</source>
        <translation>Por qué Siguiente está desactivado</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
</context>
</TS>
