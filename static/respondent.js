// Progressive enhancement for survey pages, kept tiny so an old phone on a slow connection is
// not made to wait: every page works without it.
(function () {
	var summary = document.querySelector('.govuk-error-summary');
	if (summary) summary.focus();

	document.querySelectorAll('textarea[data-maxlength]').forEach(function (area) {
		var limit = Number(area.getAttribute('data-maxlength'));
		var message = document.getElementById(area.id + '-info');
		if (!message) return;
		var update = function () {
			var left = limit - Array.from(area.value.replace(/\r\n?/g, '\n')).length;
			message.textContent =
				left >= 0
					? 'You have ' + left + (left === 1 ? ' character' : ' characters') + ' remaining'
					: 'You have ' + -left + (left === -1 ? ' character' : ' characters') + ' too many';
		};
		area.addEventListener('input', update);
	});

	// A second tap while the first is on its way would be refused anyway; this spares the wait.
	document.querySelectorAll('form[method="post"]').forEach(function (form) {
		form.addEventListener('submit', function (event) {
			if (form.getAttribute('data-sending')) event.preventDefault();
			else form.setAttribute('data-sending', 'true');
		});
	});
	// A page restored from the back/forward cache would keep the mark and ignore its first tap.
	addEventListener('pageshow', function (event) {
		if (event.persisted)
			document.querySelectorAll('form[data-sending]').forEach(function (form) {
				form.removeAttribute('data-sending');
			});
	});
})();
