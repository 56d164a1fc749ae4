// Claims an older version of the processor plugin interface.
#include <QObject>
#include <QtPlugin>

class WrongVersionPlugin : public QObject
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "io.qmld.ProcessorPlugin/0")
};

#include "WrongVersionPlugin.moc"
